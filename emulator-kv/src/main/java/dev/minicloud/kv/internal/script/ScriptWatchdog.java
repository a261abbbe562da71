package dev.minicloud.kv.internal.script;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.function.Supplier;
import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * The hook LuaJ's interpreter calls on every Lua call, return and instruction of an instance's Lua
 * state (installed in {@code Globals.debuglib}, the only hook LuaJ has; the {@code debug} library
 * itself is never given to scripts). It does for the sandbox what Redis' count hook and Lua's own
 * limits do for Redis:
 *
 * <ul>
 *   <li>call depth: past {@link #MAX_DEPTH} nested Lua calls the call fails with Lua 5.1's
 *       {@code stack overflow} (raised at the caller's line, as in Lua), long before the JVM stack
 *       of the KV thread could overflow (a StackOverflowError could hit in the middle of a
 *       keyspace update);
 *   <li>memory: a budget for what the script holds (see {@link #check}); {@code ..} (OP_CONCAT) is
 *       checked before it runs, as the one way to build a large string inside the interpreter;
 *   <li>time: every {@link #TICK} instructions it calls the run's {@link Interrupt}, which measures
 *       time with the instance clock, serves other clients once the script is busy, and may kill it.
 * </ul>
 * The fast path is a counter decrement and a look at the opcode per instruction.
 */
final class ScriptWatchdog extends DebugLib {
    /** Lua 5.1's LUAI_MAXCALLS: how many nested Lua calls a script may make. */
    static final int MAX_DEPTH = 20000;
    /** Lua's message for a failed allocation (LUA_ERRMEM). */
    static final String NO_MEMORY = "not enough memory";
    /** Instructions between two looks at the memory budget. */
    private static final int TICK = 1000;
    /** Ticks between two calls of the interrupt (Redis' count hook runs every 100000 instructions). */
    private static final int TICKS_PER_INTERRUPT = 100;

    private static final int STRING_OVERHEAD = 40;
    private static final int TABLE_OVERHEAD = 64;
    private static final int ENTRY_OVERHEAD = 40;
    private static final com.sun.management.ThreadMXBean THREADS = threads();
    private static final long UNREAD = Long.MIN_VALUE;

    /** What a run does when it is interrupted: measure its time, serve others, maybe abort. */
    interface Interrupt {
        void check();
    }

    /** Raised when the memory budget is exceeded: Lua's memory error, which carries no position. */
    static final class MemoryError extends LuaError {
        MemoryError() {
            super(NO_MEMORY);
        }
    }

    private LuaClosure[] closures = new LuaClosure[64];
    private LuaValue[][] stacks = new LuaValue[64][];
    private int depth;
    private int countdown = TICK;
    private int ticks;
    private long memoryLimit = Long.MAX_VALUE;
    private long allocatedMark;
    private Interrupt interrupt;
    private Varargs roots = LuaValue.NONE;
    /** After SCRIPT KILL: raised on every instruction, so pcall cannot swallow the kill for good. */
    private Supplier<LuaError> fatal;

    /** Starts watching a run: its memory budget in bytes, its interrupt and the values it was given. */
    void begin(long memoryLimit, Interrupt interrupt, Varargs roots) {
        this.memoryLimit = memoryLimit;
        this.interrupt = interrupt;
        this.roots = roots;
        this.depth = 0;
        this.countdown = TICK;
        this.ticks = 0;
        this.fatal = null;
        // read at the first tick: a short script never pays for the counter
        this.allocatedMark = UNREAD;
    }

    /** Stops watching: what the run referenced is released. */
    void end() {
        Arrays.fill(closures, 0, Math.min(closures.length, depth + 1), null);
        Arrays.fill(stacks, 0, Math.min(stacks.length, depth + 1), null);
        depth = 0;
        interrupt = null;
        roots = LuaValue.NONE;
        fatal = null;
        memoryLimit = Long.MAX_VALUE;
    }

    /** From now on every instruction raises a fresh {@code error} (as Redis' per-line hook after a kill). */
    void raiseAlways(Supplier<LuaError> error) {
        fatal = error;
        countdown = 1;
    }

    @Override
    public void onCall(LuaFunction f) {
        // Java functions: nothing to track
    }

    @Override
    public void onCall(LuaClosure c, Varargs varargs, LuaValue[] stack) {
        if (depth >= MAX_DEPTH) {
            // thrown before this frame's handler is active: the caller's line is the position, as in Lua
            throw new LuaError("stack overflow");
        }
        if (depth == closures.length) {
            closures = Arrays.copyOf(closures, depth * 2);
            stacks = Arrays.copyOf(stacks, depth * 2);
        }
        closures[depth] = c;
        stacks[depth] = stack;
        depth++;
    }

    @Override
    public void onReturn() {
        if (depth > 0) {
            depth--;
            closures[depth] = null;
            stacks[depth] = null;
        }
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (depth > 0) {
            int i = closures[depth - 1].p.code[pc];
            if ((i & Lua.MASK_OP) == Lua.OP_CONCAT) {
                concat(stacks[depth - 1], (i >>> Lua.POS_B) & 0x1ff, (i >>> Lua.POS_C) & 0x1ff);
            }
        }
        if (--countdown > 0) {
            return;
        }
        countdown = TICK;
        if (fatal != null) {
            countdown = 1;
            throw fatal.get();
        }
        check();
        if (++ticks >= TICKS_PER_INTERRUPT && interrupt != null) {
            ticks = 0;
            interrupt.check();
        }
    }

    /** No traceback is appended to error messages: Redis reports positions, not stacks. */
    @Override
    public String traceback(int level) {
        return "";
    }

    /** A string of {@code length} bytes is about to be made: refused when it alone exceeds the budget. */
    void allocating(long length) {
        if (length > memoryLimit) {
            throw new MemoryError();
        }
    }

    private void concat(LuaValue[] stack, int from, int to) {
        long length = 0;
        for (int r = from; r <= to && r < stack.length; r++) {
            LuaValue s = stack[r];
            length += s instanceof LuaString ls ? ls.m_length : 24;
        }
        allocating(length);
    }

    /**
     * The memory budget. Once the KV thread has allocated a budget's worth of bytes since the last
     * look (a cheap per-thread counter), the values the script can still reach are measured: its
     * arguments, every active frame's registers and its closures' upvalues, followed through
     * tables (the globals are read-only, so nothing else can grow). Over the budget the script
     * gets Lua's memory error; otherwise the counter starts again. Garbage is thus never counted,
     * and a growing value is caught within one budget of growth.
     */
    private void check() {
        if (memoryLimit == Long.MAX_VALUE) {
            return;
        }
        long now = allocated();
        if (allocatedMark == UNREAD) {
            allocatedMark = now;
            return;
        }
        if (now >= 0 && now - allocatedMark < memoryLimit) {
            return;
        }
        allocatedMark = now;
        if (retained() > memoryLimit) {
            throw new MemoryError();
        }
    }

    private long retained() {
        Sizer sizer = new Sizer(memoryLimit);
        for (int i = 1; i <= roots.narg(); i++) {
            sizer.add(roots.arg(i));
        }
        for (int d = 0; d < depth && !sizer.over(); d++) {
            for (LuaValue v : stacks[d]) {
                sizer.add(v);
            }
            if (closures[d].upValues != null) {
                for (UpValue u : closures[d].upValues) {
                    if (u != null) {
                        sizer.add(u.getValue());
                    }
                }
            }
        }
        return sizer.total;
    }

    /** Sums the estimated sizes of values reachable from the roots given, each counted once. */
    private static final class Sizer {
        private final long stopAt;
        private final IdentityHashMap<LuaValue, Boolean> seen = new IdentityHashMap<>();
        private final ArrayDeque<LuaTable> pending = new ArrayDeque<>();
        long total;

        Sizer(long stopAt) {
            this.stopAt = stopAt;
        }

        boolean over() {
            return total > stopAt;
        }

        void add(LuaValue root) {
            visit(root);
            while (!pending.isEmpty() && !over()) {
                LuaTable t = pending.poll();
                LuaValue k = LuaValue.NIL;
                while (!over()) {
                    Varargs n = t.next(k);
                    k = n.arg1();
                    if (k.isnil()) {
                        break;
                    }
                    total += ENTRY_OVERHEAD;
                    visit(k);
                    visit(n.arg(2));
                }
            }
        }

        private void visit(LuaValue v) {
            if (v == null
                    || (!(v instanceof LuaString) && !(v instanceof LuaTable))
                    || v instanceof ProtectedTable
                    || seen.put(v, Boolean.TRUE) != null) {
                return;
            }
            if (v instanceof LuaString s) {
                total += STRING_OVERHEAD + s.m_length;
            } else {
                total += TABLE_OVERHEAD;
                pending.add((LuaTable) v);
            }
        }
    }

    private static long allocated() {
        return THREADS == null ? -1 : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            return t;
        }
        return null;
    }
}
