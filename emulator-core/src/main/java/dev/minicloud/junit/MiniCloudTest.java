package dev.minicloud.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs one MiniCloud for the annotated test class on free ports, closed after the class. Test methods
 * and constructors can take a {@link MiniCloudRuntimeInfo} parameter. For per-test instances or a
 * custom clock, register a {@link MiniCloudExtension} field instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MiniCloudExtension.class)
public @interface MiniCloudTest {

    /** Services to run; empty = all on the class path. */
    String[] services() default {};

    String region() default "us-east-1";

    /** Service settings as {@code name=value}, e.g. {@code "s3-auth=strict"}. */
    String[] settings() default {};

    /** Share one instance with every other class that asks for the same configuration in this run. */
    boolean shared() default false;

    /**
     * Answer this instance's names (ElastiCache endpoints, S3 virtual-hosted names, Route 53 public
     * records) JVM-wide while the class runs: needs Java 18+ and {@code minicloud-resolver} on the
     * test class path (see {@link dev.minicloud.JvmResolverRegistry}).
     */
    boolean jvmResolver() default false;
}
