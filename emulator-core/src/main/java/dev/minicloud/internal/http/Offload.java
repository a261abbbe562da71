package dev.minicloud.internal.http;

import dev.minicloud.internal.aws.AwsException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Core's one way to do slow work off the event loop: run it on the instance's bounded worker pool
 * and answer from there ({@link EdgeRequest}'s {@code respond*} methods may be called from any
 * thread). One failure policy for every caller, also used by the edge dispatcher:
 * <ul>
 *   <li>an {@link AwsException} is the answer, as thrown;</li>
 *   <li>anything else is logged once, with its stack trace, and answered with the protocol's 500
 *       ({@code InternalError} for S3) without any internals;</li>
 *   <li>a saturated (or closing) pool answers the protocol's 503 ({@code SlowDown} for S3), which
 *       SDKs retry.</li>
 * </ul>
 * A request that was already answered is only logged.
 */
public final class Offload {
    private static final System.Logger LOG = System.getLogger(Offload.class.getName());

    private final Executor executor;

    public Offload(Executor executor) {
        this.executor = executor;
    }

    /**
     * Runs {@code work} on a worker; its failures are answered in the request's error protocol.
     *
     * @return {@code false} when the pool refused it (answered 503): release what the work would have
     */
    public boolean run(EdgeRequest request, Runnable work) {
        return run(request, work, request::respondError);
    }

    /**
     * As {@link #run(EdgeRequest, Runnable)}, with the answer to a failure rendered by {@code answer}
     * (the admin API renders JSON); the policy of what to answer stays here.
     */
    public boolean run(EdgeRequest request, Runnable work, Consumer<AwsException> answer) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    fail(request, e, answer);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "worker pool saturated, answering 503: " + request);
            answerIfOpen(request, request.errorProtocol().unavailable(), answer);
            return false;
        }
    }

    /** The policy, for failures caught elsewhere (the dispatcher's): answers {@code e} on {@code request}. */
    public static void fail(EdgeRequest request, Throwable e) {
        fail(request, e, request::respondError);
    }

    private static void fail(EdgeRequest request, Throwable e, Consumer<AwsException> answer) {
        AwsException reply;
        if (e instanceof AwsException aws) {
            reply = aws;
        } else {
            LOG.log(System.Logger.Level.ERROR, "internal error handling " + request, e);
            reply = request.errorProtocol().internalError();
        }
        answerIfOpen(request, reply, answer);
    }

    private static void answerIfOpen(EdgeRequest request, AwsException reply, Consumer<AwsException> answer) {
        if (request.isAnswered()) {
            LOG.log(System.Logger.Level.DEBUG, "failure after the response was sent: " + request + ": " + reply.code());
            return;
        }
        answer.accept(reply);
    }
}
