package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MutableClock;
import dev.minicloud.junit.MiniCloudExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream commands through a raw RESP connection, reply bytes and error texts as Redis 7
 * gives them (checked by hand against redis-server 7.0 where 7.0 and 7.2 agree). Times come from
 * the instance's MutableClock, so ids from {@code *} and idle times are exact.
 */
class StreamCommandsIT {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final long T0 = START.toEpochMilli();
    static final MutableClock CLOCK = MutableClock.startingAt(START);

    @RegisterExtension
    static final MiniCloudExtension CLOUD =
            MiniCloudExtension.builder().services("kv").clock(CLOCK).build();

    @RegisterExtension
    final FreshKv kv = new FreshKv(CLOUD);

    private static final String INVALID_ID = "-ERR Invalid stream ID specified as stream command argument";

    private long now() {
        return CLOCK.millis();
    }

    @Test
    void xaddGeneratesIdsFromTheClockAndRefusesIdsThatDoNotGrow() {
        long ms = now();
        assertEquals("$" + ms + "-0", kv.call("XADD", "s", "*", "f", "v"));
        assertEquals("$" + ms + "-1", kv.call("XADD", "s", "*", "f", "v"), "same millisecond: next sequence");
        assertEquals("$" + ms + "-2", kv.call("XADD", "s", ms + "-*", "f", "v"));
        assertEquals("$" + (ms + 5) + "-0", kv.call("XADD", "s", (ms + 5) + "-*", "f", "v"));
        assertEquals(
                "-ERR The ID specified in XADD is equal or smaller than the target stream top item",
                kv.call("XADD", "s", ms + "-1", "f", "v"));
        assertEquals(
                "-ERR The ID specified in XADD is equal or smaller than the target stream top item",
                kv.call("XADD", "s", "1-*", "f", "v"));
        assertEquals("-ERR The ID specified in XADD must be greater than 0-0", kv.call("XADD", "t", "0-0", "f", "v"));
        assertEquals("$0-1", kv.call("XADD", "t", "0-*", "f", "v"));
        assertEquals(INVALID_ID, kv.call("XADD", "t", "1-x", "f", "v"));
        assertEquals(INVALID_ID, kv.call("XADD", "t", "18446744073709551616-0", "f", "v"), "beyond 64 bits");
        assertEquals("-ERR wrong number of arguments for 'xadd' command", kv.call("XADD", "t", "*", "f", "v", "g"));
        assertEquals("$-1", kv.call("XADD", "none", "NOMKSTREAM", "*", "f", "v"));
        assertEquals(":0", kv.call("EXISTS", "none"));
        assertEquals(":4", kv.call("XLEN", "s"));
    }

    @Test
    void xaddOnAFullIdSpaceIsRefused() {
        assertEquals(
                "$18446744073709551615-18446744073709551615",
                kv.call("XADD", "s", "18446744073709551615-18446744073709551615", "f", "v"));
        assertEquals(
                "-ERR The stream has exhausted the last possible ID, unable to add more items",
                kv.call("XADD", "s", "*", "f", "v"));
        assertEquals(":1", kv.call("XLEN", "s"), "nothing added");
    }

    @Test
    void trimmingOptionsAreValidatedAsRedisDoes() {
        assertEquals("-ERR The MAXLEN argument must be >= 0.", kv.call("XADD", "s", "MAXLEN", "-1", "*", "f", "v"));
        assertEquals(
                "-ERR syntax error, LIMIT cannot be used without the special ~ option",
                kv.call("XADD", "s", "MAXLEN", "1", "LIMIT", "5", "*", "f", "v"));
        assertEquals(
                "-ERR The LIMIT argument must be >= 0.",
                kv.call("XADD", "s", "MAXLEN", "~", "1", "LIMIT", "-1", "*", "f", "v"));
        assertEquals(
                "-ERR syntax error, MAXLEN and MINID options at the same time are not compatible",
                kv.call("XADD", "s", "MAXLEN", "1", "MINID", "1", "*", "f", "v"));
        assertEquals(
                "-ERR syntax error, LIMIT cannot be used without specifying a trimming strategy",
                kv.call("XTRIM", "s", "LIMIT", "10"));
        assertEquals(
                "-ERR syntax error, XTRIM must be called with a trimming strategy",
                kv.call("XTRIM", "s", "LIMIT", "0"));
        assertEquals("-ERR syntax error", kv.call("XTRIM", "s", "FOO", "1"));
        assertEquals(":0", kv.call("EXISTS", "s"), "no failed XADD created the key");
    }

    @Test
    void approximateTrimmingRemovesOnlyWholeNodesExactTrimmingIsExact() {
        for (int i = 1; i <= 250; i++) {
            kv.call("XADD", "big", i + "-0", "f", "" + i);
        }
        // nodes hold 100 entries (stream-node-max-entries): 1..100, 101..200, 201..250
        assertEquals(":100", kv.call("XTRIM", "big", "MAXLEN", "~", "150"));
        assertEquals(":150", kv.call("XLEN", "big"));
        assertEquals(":0", kv.call("XTRIM", "big", "MAXLEN", "~", "10", "LIMIT", "50"), "the next node is over LIMIT");
        assertEquals(":100", kv.call("XTRIM", "big", "MINID", "~", "230"), "101..200 goes whole, 201..250 cannot");
        assertEquals(":29", kv.call("XTRIM", "big", "MINID", "230"));
        assertEquals("*[*[$230-0, *[$f, $230]]]", kv.call("XRANGE", "big", "-", "+", "COUNT", "1"));
        assertEquals("$300-0", kv.call("XADD", "big", "MAXLEN", "=", "5", "300-0", "f", "v"));
        assertEquals(":5", kv.call("XLEN", "big"));
        assertEquals("*[$247-0, $248-0, $249-0, $250-0, $300-0]", ids(kv.call("XRANGE", "big", "-", "+")));
    }

    /** The ids of an XRANGE reply, as a list. */
    private static String ids(String reply) {
        StringBuilder b = new StringBuilder("*[");
        Matcher m = Pattern.compile("\\*\\[(\\$\\d+-\\d+), ").matcher(reply);
        boolean first = true;
        while (m.find()) {
            b.append(first ? "" : ", ").append(m.group(1));
            first = false;
        }
        return b.append(']').toString();
    }

    @Test
    void rangesTakeExclusiveBoundsIncompleteIdsAndCount() {
        kv.call("XADD", "s", "1-1", "a", "1");
        kv.call("XADD", "s", "1-2", "b", "2");
        kv.call("XADD", "s", "2-0", "f1", "v1", "f2", "v2");
        assertEquals(
                "*[*[$1-1, *[$a, $1]], *[$1-2, *[$b, $2]], *[$2-0, *[$f1, $v1, $f2, $v2]]]",
                kv.call("XRANGE", "s", "-", "+"));
        assertEquals("*[$1-1, $1-2]", ids(kv.call("XRANGE", "s", "1", "1")), "a bare ms covers every sequence");
        assertEquals("*[$1-1, $1-2, $2-0]", ids(kv.call("XRANGE", "s", "(1", "+")), "(1 is after 1-0");
        assertEquals("*[$1-2, $2-0]", ids(kv.call("XRANGE", "s", "(1-1", "+")));
        assertEquals("*[$1-1, $1-2]", ids(kv.call("XRANGE", "s", "-", "(2-0")));
        assertEquals("*[$2-0, $1-2]", ids(kv.call("XREVRANGE", "s", "+", "-", "COUNT", "2")));
        assertEquals("*[$1-2, $1-1]", ids(kv.call("XREVRANGE", "s", "(2-0", "-")));
        assertEquals("*-1", kv.call("XRANGE", "s", "-", "+", "COUNT", "0"));
        assertEquals("*[]", kv.call("XRANGE", "missing", "-", "+"));
        assertEquals(INVALID_ID, kv.call("XRANGE", "s", "(-", "+"));
        assertEquals(
                "-ERR invalid start ID for the interval",
                kv.call("XRANGE", "s", "(18446744073709551615-18446744073709551615", "+"));
        assertEquals("-ERR invalid end ID for the interval", kv.call("XRANGE", "s", "-", "(0-0"));
        assertEquals("-ERR syntax error", kv.call("XRANGE", "s", "-", "+", "FOO"));
        assertEquals("-ERR value is not an integer or out of range", kv.call("XRANGE", "s", "-", "+", "COUNT", "x"));
    }

    @Test
    void xdelLeavesAnEmptyStreamAndRecordsTheGreatestDeletedId() {
        kv.call("XADD", "s", "5-5", "a", "1");
        assertEquals(":1", kv.call("XDEL", "s", "5-5", "1-1"));
        assertEquals(":0", kv.call("XLEN", "s"));
        assertEquals("+stream", kv.call("TYPE", "s"), "an emptied stream stays (unlike other types)");
        assertEquals(
                "%[$length, :0, $radix-tree-keys, :0, $radix-tree-nodes, :1, $last-generated-id, $5-5, "
                        + "$max-deleted-entry-id, $5-5, $entries-added, :1, $recorded-first-entry-id, $0-0, $groups, :0, "
                        + "$first-entry, _, $last-entry, _]",
                resp3(() -> kv.call("XINFO", "STREAM", "s")));
        assertEquals("-ERR no such key", kv.call("XINFO", "STREAM", "missing"));
        assertEquals(INVALID_ID, kv.call("XDEL", "s", "x"));
    }

    private String resp3(Supplier<String> body) {
        kv.call("HELLO", "3");
        try {
            return body.get();
        } finally {
            kv.call("HELLO", "2");
        }
    }

    @Test
    void xsetidChecksAndSetsItsCounters() {
        kv.call("XADD", "s", "1-1", "a", "1");
        kv.call("XADD", "s", "1-2", "a", "1");
        kv.call("XDEL", "s", "1-2");
        assertEquals(
                "-ERR The ID specified in XSETID is smaller than the target stream top item",
                kv.call("XSETID", "s", "0-1"));
        assertEquals(
                "-ERR The entries_added specified in XSETID is smaller than the target stream length",
                kv.call("XSETID", "s", "9-0", "ENTRIESADDED", "0"));
        assertEquals(
                "-ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id",
                kv.call("XSETID", "s", "9-0", "MAXDELETEDID", "10-0"));
        assertEquals(
                "-ERR The ID specified in XSETID is smaller than current max_deleted_entry_id",
                kv.call("XSETID", "s", "1-1"));
        assertEquals("-ERR no such key", kv.call("XSETID", "missing", "1-1"));
        assertEquals("+OK", kv.call("XSETID", "s", "99-0", "ENTRIESADDED", "10", "MAXDELETEDID", "3-0"));
        String info = kv.call("XINFO", "STREAM", "s");
        assertTrue(info.contains("$last-generated-id, $99-0, $max-deleted-entry-id, $3-0, $entries-added, :10"), info);
        assertEquals(
                "-ERR The ID specified in XADD is equal or smaller than the target stream top item",
                kv.call("XADD", "s", "99-0", "f", "v"));
        assertEquals("$99-1", kv.call("XADD", "s", "99-*", "f", "v"));
    }

    @Test
    void consumerGroupDeliversPendsAcknowledgesAndReportsLag() {
        for (int i = 1; i <= 3; i++) {
            kv.call("XADD", "s", i + "-0", "n", "" + i);
        }
        assertEquals("+OK", kv.call("XGROUP", "CREATE", "s", "g", "0"));
        assertEquals("-BUSYGROUP Consumer Group name already exists", kv.call("XGROUP", "CREATE", "s", "g", "0"));
        assertEquals(
                "*[*[$name, $g, $consumers, :0, $pending, :0, $last-delivered-id, $0-0, $entries-read, $-1, $lag, :3]]",
                kv.call("XINFO", "GROUPS", "s"));
        assertEquals(
                "*[*[$s, *[*[$1-0, *[$n, $1]], *[$2-0, *[$n, $2]]]]]",
                kv.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "2", "STREAMS", "s", ">"));
        assertEquals(
                "*[*[$name, $g, $consumers, :1, $pending, :2, $last-delivered-id, $2-0, $entries-read, :2, $lag, :1]]",
                kv.call("XINFO", "GROUPS", "s"));
        CLOCK.advance(Duration.ofMillis(250));
        assertEquals("*[:2, $1-0, $2-0, *[*[$alice, $2]]]", kv.call("XPENDING", "s", "g"));
        assertEquals(
                "*[*[$1-0, $alice, :250, :1], *[$2-0, $alice, :250, :1]]",
                kv.call("XPENDING", "s", "g", "-", "+", "10"));
        assertEquals(
                "*[*[$2-0, $alice, :250, :1]]",
                kv.call("XPENDING", "s", "g", "IDLE", "100", "(1-0", "+", "10", "alice"));
        assertEquals("*[]", kv.call("XPENDING", "s", "g", "-", "+", "10", "nobody"));
        assertEquals(
                "*[*[$s, *[*[$1-0, *[$n, $1]]]]]",
                kv.call("XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", "0"),
                "an explicit id reads the consumer's own history");
        assertEquals(
                "*[*[$1-0, $alice, :0, :2]]",
                kv.call("XPENDING", "s", "g", "-", "1-0", "1"),
                "history reads count deliveries");
        assertEquals(":1", kv.call("XACK", "s", "g", "1-0", "9-9"));
        assertEquals(
                "*[*[$s, *[*[$3-0, *[$n, $3]]]]]",
                kv.call("XREADGROUP", "GROUP", "g", "bob", "NOACK", "STREAMS", "s", ">"));
        assertEquals(
                "*[:1, $2-0, $2-0, *[*[$alice, $1]]]", kv.call("XPENDING", "s", "g"), "NOACK adds nothing to the PEL");
        assertEquals("*-1", kv.call("XREADGROUP", "GROUP", "g", "bob", "STREAMS", "s", ">"), "nothing new");
        assertEquals(
                "*[*[$name, $alice, $pending, :1, $idle, :0, $inactive, :250], *[$name, $bob, $pending, :0, $idle, :0, $inactive, :-1]]",
                kv.call("XINFO", "CONSUMERS", "s", "g"),
                "history and NOACK reads are not activity");
        CLOCK.advance(Duration.ofMillis(40));
        assertEquals(
                "*[*[$name, $alice, $pending, :1, $idle, :40, $inactive, :290], *[$name, $bob, $pending, :0, $idle, :40, $inactive, :-1]]",
                kv.call("XINFO", "CONSUMERS", "s", "g"));
        assertEquals(":1", kv.call("XGROUP", "DELCONSUMER", "s", "g", "alice"));
        assertEquals("*[:0, $-1, $-1, *-1]", kv.call("XPENDING", "s", "g"));
    }

    @Test
    void lagIsUnknownOnceAnXdelFragmentsTheRangeAhead() {
        for (int i = 1; i <= 4; i++) {
            kv.call("XADD", "s", i + "-0", "n", "" + i);
        }
        kv.call("XGROUP", "CREATE", "s", "g", "0");
        kv.call("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">");
        kv.call("XDEL", "s", "3-0");
        assertTrue(
                kv.call("XINFO", "GROUPS", "s").endsWith("$entries-read, :1, $lag, $-1]]"), "a tombstone lies ahead");
        kv.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        assertTrue(
                kv.call("XINFO", "GROUPS", "s").endsWith("$last-delivered-id, $4-0, $entries-read, :4, $lag, :0]]"),
                "at the last id the counter is exact again");
        kv.call("XGROUP", "CREATE", "s", "late", "$", "ENTRIESREAD", "2");
        assertEquals(
                "-ERR value for ENTRIESREAD must be positive or -1",
                kv.call("XGROUP", "SETID", "s", "late", "0", "ENTRIESREAD", "-5"));
        assertEquals("+OK", kv.call("XGROUP", "SETID", "s", "late", "0"));
        assertTrue(
                kv.call("XINFO", "GROUPS", "s")
                        .contains(
                                "$name, $late, $consumers, :0, $pending, :0, $last-delivered-id, $0-0, $entries-read, $-1, $lag, $-1]"));
    }

    @Test
    void groupErrorsNameTheKeyAndGroup() {
        kv.call("XADD", "s", "1-0", "f", "v");
        assertEquals(
                "-ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM "
                        + "option to create an empty stream automatically.",
                kv.call("XGROUP", "CREATE", "missing", "g", "$"));
        assertEquals("+OK", kv.call("XGROUP", "CREATE", "created", "g", "$", "MKSTREAM"));
        assertEquals(":0", kv.call("XLEN", "created"));
        assertEquals(
                "-NOGROUP No such consumer group 'nog' for key name 's'",
                kv.call("XGROUP", "CREATECONSUMER", "s", "nog", "c"));
        assertEquals(
                "-NOGROUP No such key 's' or consumer group 'nog' in XREADGROUP with GROUP option",
                kv.call("XREADGROUP", "GROUP", "nog", "c", "STREAMS", "s", ">"));
        assertEquals("-NOGROUP No such key 's' or consumer group 'nog'", kv.call("XPENDING", "s", "nog"));
        assertEquals(
                "-NOGROUP No such key 's' or consumer group 'nog'", kv.call("XCLAIM", "s", "nog", "c", "0", "1-0"));
        kv.call("XGROUP", "CREATE", "s", "g", "0");
        assertEquals(
                "-ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by "
                        + "specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.",
                kv.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", "$"));
        assertEquals(
                "-ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.",
                kv.call("XREAD", "STREAMS", "s", ">"));
        assertEquals(
                "-ERR Unbalanced XREAD list of streams: for each stream key an ID or '$' must be specified.",
                kv.call("XREAD", "STREAMS", "s", "t", "0"));
        assertEquals(
                "-ERR Missing GROUP option for XREADGROUP",
                kv.call("XREADGROUP", "COUNT", "1", "NOACK", "STREAMS", "s", ">"));
        assertEquals(
                "-ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.",
                kv.call("XREAD", "GROUP", "g", "c", "STREAMS", "s", "0"));
        assertEquals("-ERR timeout is negative", kv.call("XREAD", "BLOCK", "-1", "STREAMS", "s", "0"));
        assertEquals(":1", kv.call("XGROUP", "CREATECONSUMER", "s", "g", "c"));
        assertEquals(":0", kv.call("XGROUP", "CREATECONSUMER", "s", "g", "c"));
        assertEquals(":1", kv.call("XGROUP", "DESTROY", "s", "g"));
        assertEquals(":0", kv.call("XGROUP", "DESTROY", "s", "g"));
        assertEquals("-ERR unknown subcommand 'FOO'. Try XGROUP HELP.", kv.call("XGROUP", "FOO", "s", "g"));
    }

    @Test
    void xclaimTransfersHonoursIdleAndOptionsAndDropsDeletedEntries() {
        for (int i = 1; i <= 3; i++) {
            kv.call("XADD", "s", i + "-0", "n", "" + i);
        }
        kv.call("XGROUP", "CREATE", "s", "g", "0");
        kv.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        CLOCK.advance(Duration.ofMillis(1000));
        assertEquals("*[]", kv.call("XCLAIM", "s", "g", "bob", "5000", "1-0"), "not idle long enough");
        assertEquals("*[*[$1-0, *[$n, $1]]]", kv.call("XCLAIM", "s", "g", "bob", "500", "1-0"));
        assertEquals("*[*[$1-0, $bob, :0, :2]]", kv.call("XPENDING", "s", "g", "-", "1-0", "10"));
        assertEquals(
                "*[$2-0]", kv.call("XCLAIM", "s", "g", "bob", "0", "2-0", "JUSTID", "IDLE", "300", "RETRYCOUNT", "7"));
        assertEquals("*[*[$2-0, $bob, :300, :7]]", kv.call("XPENDING", "s", "g", "2-0", "2-0", "10"));
        assertEquals("*[$2-0]", kv.call("XCLAIM", "s", "g", "carol", "0", "2-0", "JUSTID", "TIME", "" + (now() - 50)));
        assertEquals(
                "*[*[$2-0, $carol, :50, :7]]",
                kv.call("XPENDING", "s", "g", "2-0", "2-0", "10"),
                "JUSTID does not count");
        kv.call("XACK", "s", "g", "3-0");
        assertEquals("*[]", kv.call("XCLAIM", "s", "g", "bob", "0", "3-0"), "not pending");
        assertEquals("*[$3-0]", kv.call("XCLAIM", "s", "g", "bob", "0", "3-0", "FORCE", "JUSTID", "LASTID", "9-0"));
        assertTrue(kv.call("XINFO", "GROUPS", "s").contains("$last-delivered-id, $9-0"));
        kv.call("XDEL", "s", "1-0");
        assertEquals("*[]", kv.call("XCLAIM", "s", "g", "bob", "0", "1-0"));
        assertEquals(
                "*[:2, $2-0, $3-0, *[*[$bob, $1], *[$carol, $1]]]",
                kv.call("XPENDING", "s", "g"),
                "the deleted entry left the PEL");
        assertEquals("-ERR Invalid min-idle-time argument for XCLAIM", kv.call("XCLAIM", "s", "g", "bob", "x", "1-0"));
        assertEquals("-ERR Unrecognized XCLAIM option 'x'", kv.call("XCLAIM", "s", "g", "bob", "0", "x"));
        assertEquals(
                "-ERR Invalid IDLE option argument for XCLAIM",
                kv.call("XCLAIM", "s", "g", "bob", "0", "1-0", "IDLE", "x"));
    }

    @Test
    void xautoclaimPagesWithACursorAndReportsDeletedIds() {
        for (int i = 1; i <= 5; i++) {
            kv.call("XADD", "s", i + "-0", "n", "" + i);
        }
        kv.call("XGROUP", "CREATE", "s", "g", "0");
        kv.call("XREADGROUP", "GROUP", "g", "alice", "STREAMS", "s", ">");
        kv.call("XDEL", "s", "2-0");
        CLOCK.advance(Duration.ofMillis(100));
        assertEquals(
                "*[$4-0, *[*[$1-0, *[$n, $1]], *[$3-0, *[$n, $3]]], *[$2-0]]",
                kv.call("XAUTOCLAIM", "s", "g", "bob", "50", "0", "COUNT", "3"),
                "the deleted id counts toward COUNT");
        assertEquals("*[$0-0, *[$4-0, $5-0], *[]]", kv.call("XAUTOCLAIM", "s", "g", "bob", "50", "4-0", "JUSTID"));
        assertEquals(
                "*[$0-0, *[], *[]]", kv.call("XAUTOCLAIM", "s", "g", "carol", "50", "0"), "bob's claims are not idle");
        assertEquals("*[:4, $1-0, $5-0, *[*[$bob, $4]]]", kv.call("XPENDING", "s", "g"));
        assertEquals("-ERR COUNT must be > 0", kv.call("XAUTOCLAIM", "s", "g", "bob", "0", "0", "COUNT", "0"));
        assertEquals(
                "-ERR Invalid min-idle-time argument for XAUTOCLAIM", kv.call("XAUTOCLAIM", "s", "g", "bob", "x", "0"));
    }

    @Test
    void xinfoStreamFullShowsEntriesGroupsPelsAndConsumers() {
        kv.call("XADD", "s", "1-0", "a", "1");
        kv.call("XADD", "s", "2-0", "b", "2");
        kv.call("XGROUP", "CREATE", "s", "g", "0");
        kv.call("XREADGROUP", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "s", ">");
        long t = now();
        assertEquals(
                "*[$length, :2, $radix-tree-keys, :1, $radix-tree-nodes, :2, $last-generated-id, $2-0, $max-deleted-entry-id, $0-0, "
                        + "$entries-added, :2, $recorded-first-entry-id, $1-0, $entries, *[*[$1-0, *[$a, $1]]], $groups, *[*[$name, $g, "
                        + "$last-delivered-id, $1-0, $entries-read, :1, $lag, :1, $pel-count, :1, $pending, *[*[$1-0, $c, :"
                        + t + ", :1]], "
                        + "$consumers, *[*[$name, $c, $seen-time, :" + t + ", $active-time, :" + t
                        + ", $pel-count, :1, $pending, "
                        + "*[*[$1-0, :" + t + ", :1]]]]]]]",
                kv.call("XINFO", "STREAM", "s", "FULL", "COUNT", "1"));
        assertEquals(
                "-ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.",
                kv.call("XINFO", "STREAM", "s", "FOO"));
    }

    @Test
    void streamsAreKeysLikeAnyOther() {
        kv.call("XADD", "s", "1-0", "f", "v");
        kv.call("XGROUP", "CREATE", "s", "g", "0");
        assertEquals("+stream", kv.call("TYPE", "s"));
        assertEquals("$stream", kv.call("OBJECT", "ENCODING", "s"));
        assertEquals("-WRONGTYPE Operation against a key holding the wrong kind of value", kv.call("LPUSH", "s", "x"));
        kv.call("SET", "str", "x");
        assertEquals(
                "-WRONGTYPE Operation against a key holding the wrong kind of value",
                kv.call("XADD", "str", "*", "f", "v"));
        assertEquals(
                "-WRONGTYPE Operation against a key holding the wrong kind of value",
                kv.call("XRANGE", "str", "-", "+"));
        assertEquals(":1", kv.call("COPY", "s", "copy"));
        kv.call("XADD", "copy", "2-0", "f", "w");
        kv.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "copy", ">");
        assertEquals(":1", kv.call("XLEN", "s"), "the copy shares nothing");
        assertEquals("*[:0, $-1, $-1, *-1]", kv.call("XPENDING", "s", "g"));
        assertEquals("+OK", kv.call("RENAME", "copy", "renamed"));
        assertEquals(":2", kv.call("XLEN", "renamed"));
        assertEquals(":1", kv.call("EXPIRE", "renamed", "10"));
        CLOCK.advance(Duration.ofSeconds(11));
        assertEquals(":0", kv.call("EXISTS", "renamed"));
        assertTrue(Long.parseLong(kv.call("MEMORY", "USAGE", "s").substring(1)) > 0);
        assertEquals("*[$0, *[$s]]", kv.call("SCAN", "0", "TYPE", "stream"));
        kv.call("XADD", "s", "2-0", "g", "w");
        kv.call("XREADGROUP", "GROUP", "g", "c", "STREAMS", "s", ">");
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis(
                kv.address().getHostString(), kv.address().getPort())) {
            byte[] dump = jedis.dump("s");
            assertEquals("OK", jedis.restore("restored", 0, dump));
            dump[dump.length / 2] ^= 0x55;
            assertEquals(
                    "ERR DUMP payload version or checksum are wrong",
                    org.junit.jupiter.api.Assertions.assertThrows(
                                    redis.clients.jedis.exceptions.JedisDataException.class,
                                    () -> jedis.restore("bad", 0, dump))
                            .getMessage());
        }
        assertEquals(kv.call("XRANGE", "s", "-", "+"), kv.call("XRANGE", "restored", "-", "+"));
        assertEquals(kv.call("XINFO", "GROUPS", "s"), kv.call("XINFO", "GROUPS", "restored"));
        assertEquals(
                kv.call("XPENDING", "s", "g", "-", "+", "10"), kv.call("XPENDING", "restored", "g", "-", "+", "10"));
        assertEquals(":0", kv.call("EXISTS", "bad"));
        assertEquals(":1", kv.call("DEL", "s"));
    }

    @Test
    void memoryUsageGrowsWithTheStream() {
        kv.call("XADD", "s", "1-0", "f", "v");
        long one = Long.parseLong(kv.call("MEMORY", "USAGE", "s").substring(1));
        for (int i = 2; i <= 500; i++) {
            kv.call("XADD", "s", i + "-0", "field", "some value of moderate length " + i);
        }
        long many = Long.parseLong(kv.call("MEMORY", "USAGE", "s").substring(1));
        assertTrue(many > one + 500 * 40, one + " -> " + many);
    }

    @Test
    void scriptsReachStreamsButMayNotBlock() {
        assertEquals("$1-1", kv.call("EVAL", "return redis.call('xadd', KEYS[1], '1-1', 'a', 'b')", "1", "s"));
        assertEquals(
                "*[*[$1-1, *[$a, $b]]]", kv.call("EVAL", "return redis.call('xrange', KEYS[1], '-', '+')", "1", "s"));
        assertTrue(kv.call("EVAL", "return redis.call('xread', 'BLOCK', '0', 'STREAMS', KEYS[1], '$')", "1", "s")
                .startsWith("-ERR xread command is not allowed with BLOCK option from scripts"));
        assertEquals(
                "*[*[$s, *[*[$1-1, *[$a, $b]]]]]",
                kv.call("EVAL", "return redis.call('xread', 'STREAMS', KEYS[1], '0')", "1", "s"));
    }

    @Test
    void xreadServesEveryStreamThatHasNewerEntriesAsAMapInResp3() {
        kv.call("XADD", "a", "1-0", "f", "1");
        kv.call("XADD", "b", "2-0", "f", "2");
        assertEquals("*[*[$a, *[*[$1-0, *[$f, $1]]]]]", kv.call("XREAD", "STREAMS", "a", "b", "0", "2-0"));
        assertEquals(
                "*[*[$a, *[*[$1-0, *[$f, $1]]]], *[$b, *[*[$2-0, *[$f, $2]]]]]",
                kv.call("XREAD", "COUNT", "5", "STREAMS", "a", "b", "0", "0"));
        assertEquals("%[$b, *[*[$2-0, *[$f, $2]]]]", resp3(() -> kv.call("XREAD", "STREAMS", "b", "0")));
        assertEquals(
                "*[*[$b, *[*[$2-0, *[$f, $2]]]]]",
                kv.call("XREAD", "STREAMS", "b", "+"),
                "+ is the last entry (Redis 7.4)");
        assertEquals("*-1", kv.call("XREAD", "STREAMS", "a", "b", "$", "$"));
        assertEquals("*-1", kv.call("XREAD", "STREAMS", "missing", "0"));
    }

    @Test
    void streamWritesPublishKeyspaceEvents() {
        try (RawResp sub = new RawResp(kv.address())) {
            kv.call("CONFIG", "SET", "notify-keyspace-events", "Et");
            try {
                sub.call("PSUBSCRIBE", "__keyevent@0__:x*");
                kv.call("XADD", "s", "MAXLEN", "1", "1-0", "f", "v");
                kv.call("XADD", "s", "MAXLEN", "1", "2-0", "f", "v");
                kv.call("XDEL", "s", "2-0");
                kv.call("XGROUP", "CREATE", "s", "g", "0");
                kv.call("XGROUP", "CREATECONSUMER", "s", "g", "c");
                kv.call("XGROUP", "SETID", "s", "g", "0");
                kv.call("XGROUP", "DELCONSUMER", "s", "g", "c");
                kv.call("XGROUP", "DESTROY", "s", "g");
                kv.call("XSETID", "s", "5-0");
                kv.call("XTRIM", "s", "MAXLEN", "0");
                for (String event : new String[] {
                    "xadd",
                    "xadd",
                    "xtrim",
                    "xdel",
                    "xgroup-create",
                    "xgroup-createconsumer",
                    "xgroup-setid",
                    "xgroup-delconsumer",
                    "xgroup-destroy",
                    "xsetid"
                }) {
                    assertEquals("*[$pmessage, $__keyevent@0__:x*, $__keyevent@0__:" + event + ", $s]", sub.read());
                }
            } finally {
                kv.call("CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }
}
