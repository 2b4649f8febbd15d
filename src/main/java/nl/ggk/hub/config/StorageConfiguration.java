package nl.ggk.hub.config;

import java.io.IOException;
import nl.ggk.hub.store.ContentStore;
import nl.ggk.hub.store.DiskSync;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;

/** The data root and the content store (claim check) under it. */
public class StorageConfiguration implements CamelConfiguration {

    @BindToRegistry
    public DataRoot dataRoot(@PropertyInject("ggk.data-dir") String dataDir) throws IOException {
        return DataRoot.create(dataDir);
    }

    @BindToRegistry
    public DiskSync diskSync(@PropertyInject("ggk.store.sync-threads") int threads) {
        return new DiskSync(threads);
    }

    @BindToRegistry
    public ContentStore contentStore(DataRoot dataRoot, DiskSync diskSync) throws IOException {
        return new ContentStore(dataRoot.resolve("store"), diskSync);
    }
}
