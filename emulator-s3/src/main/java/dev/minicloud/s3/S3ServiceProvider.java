package dev.minicloud.s3;

import dev.minicloud.spi.OptionSpec;
import dev.minicloud.spi.Service;
import dev.minicloud.spi.ServiceContext;
import dev.minicloud.spi.ServiceProvider;
import java.util.List;

/** Registers the S3 service with MiniCloud's {@link java.util.ServiceLoader} discovery. */
public final class S3ServiceProvider implements ServiceProvider {
    @Override
    public String name() {
        return "s3";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<OptionSpec<?>> options() {
        return S3Settings.options();
    }

    @Override
    public Service create(ServiceContext context) {
        return new S3Service(context);
    }
}
