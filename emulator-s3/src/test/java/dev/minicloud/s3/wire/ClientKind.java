package dev.minicloud.s3.wire;

/**
 * The client/addressing matrix the wire tests run over: the SDK's sync client, its async Netty
 * client and the CRT client, each path-style and virtual-hosted. CRT resolves host names natively
 * (getaddrinfo), which does not know {@code *.localhost} on this machine, so its virtual-hosted
 * variant is not part of the matrix; the JVM clients resolve through the test hosts file.
 */
enum ClientKind {
    SYNC_PATH(Transport.SYNC, true),
    SYNC_VHOST(Transport.SYNC, false),
    NETTY_PATH(Transport.NETTY, true),
    NETTY_VHOST(Transport.NETTY, false),
    CRT_PATH(Transport.CRT, true);

    enum Transport {
        SYNC,
        NETTY,
        CRT
    }

    final Transport transport;
    final boolean pathStyle;

    ClientKind(Transport transport, boolean pathStyle) {
        this.transport = transport;
        this.pathStyle = pathStyle;
    }
}
