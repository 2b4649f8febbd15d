package nl.ggk.hub.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The test class gets a hub of its own, started before its first test and stopped after its last, instead of
 * the one it would share with the other classes of its settings: for a class that changes the hub for whoever
 * comes after it (advised routes, a health check it brings down, a mode of the CBS simulator).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
public @interface OwnHub {

    /** Why the class cannot share (read by people; the extension only looks at the annotation being there). */
    String value();
}
