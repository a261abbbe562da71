package dev.minicloud.kv.internal.engine;

import dev.minicloud.kv.internal.engine.ConfigParam.BadValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parameters with a syntax of their own that this server only stores (config.c's special
 * configs): checked as Redis checks them and shown as {@code CONFIG GET} shows them.
 */
final class SpecialValues {
    private SpecialValues() {}

    /** {@code save "<seconds> <changes> ..."}: pairs, seconds at least 1; {@code ""} turns saving off. */
    static String save(String value) {
        List<Long> numbers = integers(value, "Invalid save parameters");
        if (numbers.size() % 2 != 0) {
            throw new BadValue("Invalid save parameters");
        }
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.get(i) < (i % 2 == 0 ? 1 : 0)) {
                throw new BadValue("Invalid save parameters");
            }
        }
        return join(numbers);
    }

    /** {@code oom-score-adj-values}: three scores between -2000 and 2000. */
    static String oomScoreAdjValues(String value) {
        String[] parts = value.split(" ", -1);
        if (parts.length != 3) {
            throw new BadValue("wrong number of arguments");
        }
        List<Long> numbers = integers(value, "Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
        for (long n : numbers) {
            if (n < -2000 || n > 2000) {
                throw new BadValue("Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
            }
        }
        return join(numbers);
    }

    /** {@code latency-tracking-info-percentiles}: numbers from 0 to 100, shown without trailing zeros. */
    static String percentiles(String value) {
        if (value.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String part : value.split(" ", -1)) {
            double d;
            try {
                d = Double.parseDouble(part);
            } catch (NumberFormatException e) {
                throw new BadValue("Invalid latency-tracking-info-percentiles parameters");
            }
            if (!(d >= 0 && d <= 100)) {
                throw new BadValue("Invalid latency-tracking-info-percentiles parameters");
            }
            // Redis prints "%f" and trims the zeros
            out.add(new BigDecimal(String.format(Locale.ROOT, "%f", d))
                    .stripTrailingZeros()
                    .toPlainString());
        }
        return String.join(" ", out);
    }

    /** Space-separated strict integers ({@code ""} is none), or {@code reason}. */
    private static List<Long> integers(String value, String reason) {
        List<Long> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        for (String part : value.split(" ", -1)) {
            try {
                out.add(Long.parseLong(part));
            } catch (NumberFormatException e) {
                throw new BadValue(reason);
            }
        }
        return out;
    }

    private static String join(List<Long> numbers) {
        StringBuilder b = new StringBuilder();
        for (long n : numbers) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(n);
        }
        return b.toString();
    }
}
