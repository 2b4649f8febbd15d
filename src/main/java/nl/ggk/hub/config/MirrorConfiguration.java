package nl.ggk.hub.config;

import java.time.Clock;
import javax.sql.DataSource;
import nl.ggk.hub.gmsd.GmsdSpecifications;
import nl.ggk.hub.mirror.Comparer;
import nl.ggk.hub.mirror.FigureCounter;
import nl.ggk.hub.mirror.FigureStore;
import nl.ggk.hub.mirror.InstantMirror;
import nl.ggk.hub.store.ContentStore;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The instant mirror (issue 19): a GMSD file's figures kept and compared with the gemeente's earlier half years. */
public class MirrorConfiguration implements CamelConfiguration {

    /** {@code ref: mirrorFigures} in routes/cbs-check.camel.yaml: the figures of a file that went on are stored. */
    @BindToRegistry("mirrorFigures")
    public FigureStore mirrorFigures(DataSource dataSource) {
        return new FigureStore(dataSource, Clock.systemUTC());
    }

    @BindToRegistry
    public InstantMirror instantMirror(GmsdSpecifications gmsd, ContentStore store, DataSource dataSource,
                                       @PropertyInject("ggk.mirror.threshold-percent") int thresholdPercent,
                                       @PropertyInject("ggk.mirror.minimum-base") long minimumBase,
                                       @PropertyInject("ggk.mirror.max-groups") int maxGroups,
                                       @PropertyInject("ggk.mirror.max-clients") int maxClients) {
        return new InstantMirror(gmsd, store, new FigureStore(dataSource, Clock.systemUTC()),
                new FigureCounter(maxGroups, maxClients), new Comparer(thresholdPercent, minimumBase));
    }
}
