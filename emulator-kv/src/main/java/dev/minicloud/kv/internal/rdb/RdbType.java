package dev.minicloud.kv.internal.rdb;

/** The RDB object type bytes (rdb.h) this codec reads; it writes the first five plain ones. */
final class RdbType {
    static final int STRING = 0;
    static final int LIST = 1;
    static final int SET = 2;
    static final int ZSET = 3;
    static final int HASH = 4;
    static final int ZSET_2 = 5;
    static final int SET_INTSET = 11;
    static final int LIST_QUICKLIST = 14;
    static final int HASH_LISTPACK = 16;
    static final int ZSET_LISTPACK = 17;
    static final int LIST_QUICKLIST_2 = 18;
    static final int SET_LISTPACK = 20;

    private RdbType() {}
}
