package dev.minicloud.dns.ec2;

import dev.minicloud.spi.AuthMode;
import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.ValueParsers;
import java.util.List;

/** The EC2 service's settings ({@code ec2-auth}). */
public final class Ec2Settings {
    public static final OptionSpec<AuthMode> AUTH = OptionSpec.of(
            "ec2-auth",
            ValueParsers.enumOf(AuthMode.class),
            AuthMode.LENIENT,
            "EC2 API signature checking: lenient (accept any credentials) or strict");

    static final List<OptionSpec<?>> OPTIONS = List.of(AUTH);

    private Ec2Settings() {}
}
