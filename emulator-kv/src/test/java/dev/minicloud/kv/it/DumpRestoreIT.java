package dev.minicloud.kv.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.MiniCloud;
import dev.minicloud.kv.internal.rdb.DumpPayload;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.RestoreParams;

/**
 * DUMP and RESTORE with Redis' serialization. The payloads below were taken with DUMP from
 * redis-server 7.0.15 (every encoding it writes: embedded, integer and LZF strings, quicklists of
 * listpacks, intsets, plain sets, listpack hashes and sorted sets, LZF-compressed listpacks, ZSET_2);
 * they restore here, and what we DUMP restores here again.
 */
class DumpRestoreIT {
    /** DUMP output of redis-server 7.0.15 for the data built in {@code redis-cli} (see each test). */
    static final Map<String, String> REDIS_7_0 = Map.ofEntries(
            Map.entry("str", "000b68656c6c6f20776f726c640a000bfc49b9a6c7a034"),
            Map.entry("int", "00c139300a009d94ea2793fc08b9"),
            Map.entry("neg", "00c0f90a005e26d130d7a242ab"),
            Map.entry("long", "00c30e412c0361626361e0ff02e115070162630a00d25733cec044e12b"),
            Map.entry("list", "1201021c1c000000070081610281620201010201c12c02dffb02f270110104ff0a00de0ee66e09ff6fca"),
            Map.entry("iset", "0b1c04000000050000009cffffff010000000200000003000000701101000a009f4dd5a629d01743"),
            Map.entry("sset", "02030162016101630a0099cc80dd5982d255"),
            Map.entry("hash", "10151500000004008266310382763103826632030201ff0a005c5ea813feec1ff5"),
            Map.entry("zset", "111a1a0000000600816302dffd02816102010181620283322e3504ff0a00a68a1ab1a9f2dcc2"),
            Map.entry(
                    "bighash",
                    "10c346244ecf13cf0e00009001866669656c6431078676616c75652007600f0032a00f2007600f0033a00f2007600f0034a0"
                            + "0f2007600f0035a00f2007600f0036a00f2007600f0037a00f2007600f0038a00f2007600f0039a00f02390787600f033130"
                            + "08878090200880110031c011200880110032c011200880110033c011200880110034c011200880110035c011200880110036"
                            + "c011200880110037c011200880110038c011200880110039c01120086011003220aa60b34008801120aa80112008801120aa"
                            + "80112008801120aa80112008801120aa80112008801120aa80112008801120aa80112008801120aa80112008801120aa8011"
                            + "2008801120aa8011200860110033c0b34008801120aa60234008801120aa80112008801120aa80112008801120aa80112008"
                            + "801120aa80112008801120aa80112008801120aa80112008801120aa80112008801120aa8011200860110034c0b340088011"
                            + "c0b34008801120aa60354008801120aa80112008801120aa80112008801120aa80112008801120aa80112008801120aa8011"
                            + "2008801120aa80112008801120aa8011200860110035c0b340088011c0b340088011c0b34008801120aa60474008801120aa"
                            + "80112008801120aa80112008801120aa80112008801120aa80112008801120aa80112008801120aa8011200860110036c0b3"
                            + "40088011c0b340088011c0b340088011c0b34008801120aa60594008801120aa80112008801120aa80112008801120aa8011"
                            + "2008801120aa80112008801120aa8011200860110037c0b340088011c0b340088011c0b340088011c0b340088011c0b34008"
                            + "801120aa606b4008801120aa80112008801120aa80112008801120aa80112008801120aa8011200860110038c0b340088011"
                            + "c0b340088011c0b340088011c0b340088011c0b340088011c0b34008801120aa607d4008801120aa80112008801120aa8011"
                            + "2008801120aa8011200860110039c0b340088011c0b340088011c0b340088011c0b340088011c0b340088011c0b340088011"
                            + "c0b34008801120aa608f4008801120aa80112008801120aa801102390888601104313030098860126009a0130031e0001320"
                            + "09a0130032e000132009a0130033e000132009a0130034e000132009a0130035e000132009a0130036e000132009a0130037"
                            + "e000132009a0130038e000132009a0130039e00013200980130031e000c74009a01320bd80db4009a01320bda0132009a013"
                            + "20bda0132009a01320bda0132009a01320bda0132009a01320bda0132009a01320bda0132009a01320bda0132009a01320bd"
                            + "a013200980130032e000c74009a013e000c74009a01320bd803b4009a01320bda0132009a01320bda0132009a01320bda013"
                            + "2009a01320bda0132009a01320bda0132009a01320bda0132009a01320bda013200980130033e000c74009a013e000c74009"
                            + "a013e000c74009a01320bd804f4009a01320bda0132009a01320bda0132009a01320bda0132009a01320bda0132009a01320"
                            + "bda0132009a01320bda013200980130034e000c74009a013e000c74009a013e000c74009a013e000c74009a01320bd806340"
                            + "09a01320bda0132009a01320bda0132009a01320bda0132009a01320bda0132009a01320bda013200980130035e000c74009"
                            + "a013e000c74009a013e000c74009a013e000c74009a013e000c74009a01320bd80774009a01320bda0132009a01320bda013"
                            + "2009a01320bda0132009a01320bda013200980130036e000c74009a013e000c74009a013e000c74009a013e000c74009a013"
                            + "e000c74009a013e000c74009a01320bd808b4009a01320bda0132009a01320bda0132009a01320bda013200980130037e000"
                            + "c74009a013e000c74009a013e000c74009a013e000c74009a013e000c74009a013e000c74009a013e000c74009a01320bd80"
                            + "9f4009a01320bda0132009a01320bda013200980130038e000c74009a013e000c74009a013e000c74009a013e000c74009a0"
                            + "13e000c74009a013e000c74009a013e000c74009a013e000c74009a01320bd80b34009a01320bda013200980130039e000c7"
                            + "4009a013e000c74009a013e000c74009a013e000c74009a013e000c74009a013e000c74009a013e000c74009a013e000c740"
                            + "09a013e000c74009a01320bd80c7400960130032e700cf20090109ff0a003d7aa96165a7dde5"),
            Map.entry(
                    "bigzset",
                    "0540c8046d3230300000000000106940046d3139390000000000f06840046d3139380000000000d06840046d313937000000"
                            + "0000b06840046d3139360000000000906840046d3139350000000000706840046d3139340000000000506840046d31393300"
                            + "00000000306840046d3139320000000000106840046d3139310000000000f06740046d3139300000000000d06740046d3138"
                            + "390000000000b06740046d3138380000000000906740046d3138370000000000706740046d3138360000000000506740046d"
                            + "3138350000000000306740046d3138340000000000106740046d3138330000000000f06640046d3138320000000000d06640"
                            + "046d3138310000000000b06640046d3138300000000000906640046d3137390000000000706640046d313738000000000050"
                            + "6640046d3137370000000000306640046d3137360000000000106640046d3137350000000000f06540046d31373400000000"
                            + "00d06540046d3137330000000000b06540046d3137320000000000906540046d3137310000000000706540046d3137300000"
                            + "000000506540046d3136390000000000306540046d3136380000000000106540046d3136370000000000f06440046d313636"
                            + "0000000000d06440046d3136350000000000b06440046d3136340000000000906440046d3136330000000000706440046d31"
                            + "36320000000000506440046d3136310000000000306440046d3136300000000000106440046d3135390000000000f0634004"
                            + "6d3135380000000000d06340046d3135370000000000b06340046d3135360000000000906340046d31353500000000007063"
                            + "40046d3135340000000000506340046d3135330000000000306340046d3135320000000000106340046d3135310000000000"
                            + "f06240046d3135300000000000d06240046d3134390000000000b06240046d3134380000000000906240046d313437000000"
                            + "0000706240046d3134360000000000506240046d3134350000000000306240046d3134340000000000106240046d31343300"
                            + "00000000f06140046d3134320000000000d06140046d3134310000000000b06140046d3134300000000000906140046d3133"
                            + "390000000000706140046d3133380000000000506140046d3133370000000000306140046d3133360000000000106140046d"
                            + "3133350000000000f06040046d3133340000000000d06040046d3133330000000000b06040046d3133320000000000906040"
                            + "046d3133310000000000706040046d3133300000000000506040046d3132390000000000306040046d313238000000000010"
                            + "6040046d3132370000000000e05f40046d3132360000000000a05f40046d3132350000000000605f40046d31323400000000"
                            + "00205f40046d3132330000000000e05e40046d3132320000000000a05e40046d3132310000000000605e40046d3132300000"
                            + "000000205e40046d3131390000000000e05d40046d3131380000000000a05d40046d3131370000000000605d40046d313136"
                            + "0000000000205d40046d3131350000000000e05c40046d3131340000000000a05c40046d3131330000000000605c40046d31"
                            + "31320000000000205c40046d3131310000000000e05b40046d3131300000000000a05b40046d3130390000000000605b4004"
                            + "6d3130380000000000205b40046d3130370000000000e05a40046d3130360000000000a05a40046d3130350000000000605a"
                            + "40046d3130340000000000205a40046d3130330000000000e05940046d3130320000000000a05940046d3130310000000000"
                            + "605940046d3130300000000000205940036d39390000000000e05840036d39380000000000a05840036d3937000000000060"
                            + "5840036d39360000000000205840036d39350000000000e05740036d39340000000000a05740036d39330000000000605740"
                            + "036d39320000000000205740036d39310000000000e05640036d39300000000000a05640036d38390000000000605640036d"
                            + "38380000000000205640036d38370000000000e05540036d38360000000000a05540036d38350000000000605540036d3834"
                            + "0000000000205540036d38330000000000e05440036d38320000000000a05440036d38310000000000605440036d38300000"
                            + "000000205440036d37390000000000e05340036d37380000000000a05340036d37370000000000605340036d373600000000"
                            + "00205340036d37350000000000e05240036d37340000000000a05240036d37330000000000605240036d3732000000000020"
                            + "5240036d37310000000000e05140036d37300000000000a05140036d36390000000000605140036d36380000000000205140"
                            + "036d36370000000000e05040036d36360000000000a05040036d36350000000000605040036d36340000000000205040036d"
                            + "36330000000000c04f40036d36320000000000404f40036d36310000000000c04e40036d36300000000000404e40036d3539"
                            + "0000000000c04d40036d35380000000000404d40036d35370000000000c04c40036d35360000000000404c40036d35350000"
                            + "000000c04b40036d35340000000000404b40036d35330000000000c04a40036d35320000000000404a40036d353100000000"
                            + "00c04940036d35300000000000404940036d34390000000000c04840036d34380000000000404840036d34370000000000c0"
                            + "4740036d34360000000000404740036d34350000000000c04640036d34340000000000404640036d34330000000000c04540"
                            + "036d34320000000000404540036d34310000000000c04440036d34300000000000404440036d33390000000000c04340036d"
                            + "33380000000000404340036d33370000000000c04240036d33360000000000404240036d33350000000000c04140036d3334"
                            + "0000000000404140036d33330000000000c04040036d33320000000000404040036d33310000000000803f40036d33300000"
                            + "000000803e40036d32390000000000803d40036d32380000000000803c40036d32370000000000803b40036d323600000000"
                            + "00803a40036d32350000000000803940036d32340000000000803840036d32330000000000803740036d3232000000000080"
                            + "3640036d32310000000000803540036d32300000000000803440036d31390000000000803340036d31380000000000803240"
                            + "036d31370000000000803140036d31360000000000803040036d31350000000000002f40036d31340000000000002d40036d"
                            + "31330000000000002b40036d31320000000000002940036d31310000000000002740036d31300000000000002540026d3900"
                            + "00000000002340026d380000000000002140026d370000000000001e40026d360000000000001a40026d3500000000000016"
                            + "40026d340000000000001240026d330000000000000c40026d320000000000000440026d31000000000000f83f0a00a8ae92"
                            + "b0ac0e507d"),
            Map.entry(
                    "bigset",
                    "0240c8086d656d6265723633086d656d6265723339086d656d6265723436086d656d6265723730096d656d62657231323309"
                            + "6d656d626572313031086d656d6265723137096d656d626572313937096d656d626572313832096d656d626572313132096d"
                            + "656d626572313034096d656d626572313133086d656d6265723432096d656d626572313831086d656d6265723337086d656d"
                            + "6265723438086d656d6265723735096d656d626572313939096d656d626572313332086d656d6265723332096d656d626572"
                            + "313537086d656d6265723238086d656d6265723732096d656d626572313137096d656d626572313232086d656d6265723133"
                            + "086d656d6265723933086d656d6265723131086d656d6265723435096d656d626572313231096d656d626572313236086d65"
                            + "6d6265723638086d656d6265723130096d656d626572313836086d656d6265723335086d656d6265723734076d656d626572"
                            + "31086d656d6265723636076d656d62657238086d656d6265723231096d656d626572313339096d656d626572313738086d65"
                            + "6d6265723532096d656d626572313036096d656d626572313437096d656d626572313631096d656d626572313532096d656d"
                            + "626572313739096d656d626572313834096d656d626572313035096d656d626572313735096d656d626572313534096d656d"
                            + "626572313335086d656d6265723431086d656d6265723235086d656d6265723635086d656d6265723338096d656d62657231"
                            + "3130096d656d626572313639086d656d6265723237076d656d62657234096d656d626572313135096d656d62657231353908"
                            + "6d656d6265723930096d656d626572313235096d656d626572313732096d656d626572313931086d656d6265723135086d65"
                            + "6d6265723134096d656d626572313038086d656d6265723935096d656d626572313033096d656d626572313336086d656d62"
                            + "65723739096d656d626572313434096d656d626572313932086d656d6265723738086d656d6265723931086d656d62657237"
                            + "36096d656d626572313637096d656d626572313633096d656d626572313731096d656d626572313430096d656d6265723138"
                            + "37096d656d626572313538086d656d6265723334086d656d6265723830086d656d6265723330096d656d626572313138086d"
                            + "656d6265723132076d656d62657232086d656d6265723637096d656d626572313634086d656d6265723936096d656d626572"
                            + "313935086d656d6265723934086d656d6265723631086d656d6265723434096d656d626572313039096d656d626572313234"
                            + "096d656d626572313730096d656d626572313433086d656d6265723937086d656d6265723639086d656d6265723939096d65"
                            + "6d626572313934086d656d6265723831086d656d6265723832096d656d626572313635076d656d62657239096d656d626572"
                            + "313238076d656d62657237086d656d6265723534086d656d6265723232086d656d6265723837096d656d626572313337096d"
                            + "656d626572313630096d656d626572313736086d656d6265723138086d656d6265723430096d656d626572313239086d656d"
                            + "6265723230096d656d626572313536096d656d626572313839096d656d626572313933086d656d6265723737096d656d6265"
                            + "72313533086d656d6265723439086d656d6265723437086d656d6265723236096d656d626572313330086d656d6265723839"
                            + "096d656d626572313032096d656d626572313835096d656d626572313733096d656d626572313334086d656d626572363408"
                            + "6d656d6265723531086d656d6265723938096d656d626572313331096d656d626572313632086d656d6265723731086d656d"
                            + "6265723331096d656d626572313436086d656d6265723234086d656d6265723834086d656d6265723538096d656d62657231"
                            + "3230086d656d6265723733086d656d6265723333096d656d626572313531096d656d626572313438096d656d626572313037"
                            + "096d656d626572313737096d656d626572313439096d656d626572313734076d656d62657236096d656d626572313030096d"
                            + "656d626572313237086d656d6265723530086d656d6265723835086d656d6265723537086d656d6265723233076d656d6265"
                            + "7233096d656d626572313636096d656d626572313435086d656d6265723932096d656d626572313338096d656d6265723133"
                            + "33096d656d626572313131096d656d626572313535096d656d626572323030086d656d6265723630096d656d626572313432"
                            + "096d656d626572313938086d656d6265723833096d656d626572313638096d656d626572313431086d656d6265723536086d"
                            + "656d6265723136086d656d6265723632086d656d6265723535086d656d6265723836086d656d6265723139096d656d626572"
                            + "313833096d656d626572313134096d656d626572313139096d656d626572313930096d656d626572313830076d656d626572"
                            + "35086d656d6265723838086d656d6265723539096d656d626572313530086d656d6265723239086d656d6265723533096d65"
                            + "6d626572313136086d656d6265723433086d656d6265723336096d656d626572313838096d656d6265723139360a00a0c8b8"
                            + "2f51545bfa"),
            Map.entry(
                    "biglist",
                    "120102c3433546a30ca3060000c800856974656d310660060032800600338006003480060035800600368006003780060038"
                            + "800602390686603e01300780070031a0070032a0070033a0070034a0070035a0070036a0070037a0070038a0070039800700"
                            + "32a04f0032a04f0032a04f0032a04f0032a04f0032a04f0032a04f0032a04f0032a04f0032a04f0033a04f0033a04f0033a0"
                            + "4f0033a04f0033a04f0033a04f0033a04f0033a04f0033a04f0033a04f0034a04f0034a04f0034a04f0034a04f0034a04f00"
                            + "34a04f0034a04f0034a04f0034a04f0034a04f0035a04f0035a04f0035a04f0035a04f0035a04f0035a04f0035a04f0035a0"
                            + "4f0035a04f0035a04f0036a04f0036a04f0036a04f0036a04f0036a04f0036a04f0036a04f0036a04f0036a04f0036a04f00"
                            + "37a04f0037a04f0037a04f0037a04f0037a04f0037a04f0037a04f0037a04f0037a04f0037a04f0038a04f0038a04f0038a0"
                            + "4f0038a04f0038a04f0038a04f0038a04f0038a04f0038a04f0038a04f0039a04f0039a04f0039a04f0039a04f0039a04f00"
                            + "39a04f0039a04f0039a04f0039a04f033939078782cf013008a0080031c0080032c0080033c0080034c0080035c0080036c0"
                            + "080037c0080038c0080039a0080031c0590031c0590031c0590031c0590031c0590031c0590031c0590031c0590031c05900"
                            + "31c0590032c0590032c0590032c0590032c0590032c0590032c0590032c0590032c0590032c0590032c0590033c0590033c0"
                            + "590033c0590033c0590033c0590033c0590033c0590033c0590033c0590033c0590034c0590034c0590034c0590034c05900"
                            + "34c0590034c0590034c0590034c0590034c0590034c0590035c0590035c0590035c0590035c0590035c0590035c0590035c0"
                            + "590035c0590035c0590035c0590036c0590036c0590036c0590036c0590036c0590036c0590036c0590036c0590036c05900"
                            + "36c0590037c0590037c0590037c0590037c0590037c0590037c0590037c0590037c0590037c0590037c0590038c0590038c0"
                            + "590038c0590038c0590038c0590038c0590038c0590038c0590038c0590038c0590039c0590039c0590039c0590039c05900"
                            + "39c0590039c0590039c0590039c0590039c0590039a0590032238300ff0a00df565395d867c3b1"));

    private static MiniCloud cloud;
    private static RedisClient jedis;

    @BeforeAll
    static void start() {
        cloud = MiniCloud.builder().services("kv").start();
        InetSocketAddress a = cloud.address("kv").orElseThrow();
        jedis = RedisClient.builder()
                .hostAndPort(a.getHostString(), a.getPort())
                .build();
    }

    @AfterAll
    static void stop() {
        jedis.close();
        cloud.close();
    }

    @BeforeEach
    void clean() {
        jedis.flushAll();
    }

    private static byte[] payload(String key) {
        return HexFormat.of().parseHex(REDIS_7_0.get(key));
    }

    private static void restore(String key) {
        assertEquals("OK", jedis.restore(key.getBytes(StandardCharsets.UTF_8), 0, payload(key)));
    }

    @Test
    void stringsInEveryEncodingRedisWrites() {
        for (String k : List.of("str", "int", "neg", "long")) {
            restore(k);
        }
        assertEquals("hello world", jedis.get("str"));
        assertEquals("12345", jedis.get("int"));
        assertEquals("-7", jedis.get("neg"));
        assertEquals("abc".repeat(100), jedis.get("long"), "an LZF-compressed string");
    }

    @Test
    void collectionsInEveryEncodingRedisWrites() {
        for (String k : List.of("list", "iset", "sset", "hash", "zset", "bighash", "bigzset", "bigset", "biglist")) {
            restore(k);
        }
        assertEquals(List.of("a", "b", "1", "2", "300", "-5", "70000"), jedis.lrange("list", 0, -1));
        assertEquals(Set.of("1", "2", "3", "-100", "70000"), jedis.smembers("iset"));
        assertEquals(Set.of("a", "b", "c"), jedis.smembers("sset"));
        assertEquals(Map.of("f1", "v1", "f2", "2"), jedis.hgetAll("hash"));
        assertEquals(List.of("c", "a", "b"), jedis.zrange("zset", 0, -1));
        assertEquals(2.5, jedis.zscore("zset", "b"));
        assertEquals(-3.0, jedis.zscore("zset", "c"));
        Map<String, String> bigHash = new TreeMap<>();
        for (int i = 1; i <= 200; i++) {
            bigHash.put("field" + i, "value" + i);
        }
        assertEquals(bigHash, new TreeMap<>(jedis.hgetAll("bighash")), "an LZF-compressed listpack");
        assertEquals(200, jedis.zcard("bigzset"));
        assertEquals(150.5, jedis.zscore("bigzset", "m150"));
        assertEquals(200, jedis.scard("bigset"));
        assertEquals(200, jedis.llen("biglist"));
        assertEquals("item1", jedis.lindex("biglist", 0));
        assertEquals("item200", jedis.lindex("biglist", -1));
    }

    @Test
    void ourDumpRestoresAndKeepsEveryType() {
        jedis.set("s", "value");
        jedis.rpush("l", "x", "y", "z");
        jedis.sadd("st", "p", "q");
        jedis.hset("h", Map.of("a", "1", "b", "2"));
        jedis.zadd("z", Map.of("m", 1.5, "n", -2.0));
        Map<String, byte[]> dumps = new LinkedHashMap<>();
        for (String k : List.of("s", "l", "st", "h", "z")) {
            dumps.put(k, jedis.dump(k));
        }
        jedis.flushAll();
        dumps.forEach((k, v) -> assertEquals("OK", jedis.restore(k, 0, v)));
        assertEquals("value", jedis.get("s"));
        assertEquals(List.of("x", "y", "z"), jedis.lrange("l", 0, -1));
        assertEquals(Set.of("p", "q"), jedis.smembers("st"));
        assertEquals(Map.of("a", "1", "b", "2"), jedis.hgetAll("h"));
        assertEquals(List.of("n", "m"), jedis.zrange("z", 0, -1));
        byte[] dump = jedis.dump("s");
        assertEquals(10, dump[dump.length - 10], "RDB version 10, as Redis 7.0 writes");
        assertArrayEquals(null, jedis.dump("missing"));
    }

    @Test
    void ttlReplaceAndAccessOptions() {
        byte[] p = payload("str");
        assertEquals("OK", jedis.restore("t", 60_000, p));
        long pttl = jedis.pttl("t");
        assertTrue(pttl > 0 && pttl <= 60_000, "pttl " + pttl);
        assertEquals("BUSYKEY Target key name already exists.", error("RESTORE", "t", "0", p));
        assertEquals(
                "OK", jedis.restore("t", 0, p, RestoreParams.restoreParams().replace()));
        assertEquals(-1, jedis.pttl("t"));
        assertEquals(
                "OK",
                jedis.restore("t", 1, p, RestoreParams.restoreParams().replace().absTtl()));
        assertEquals(
                0, jedis.exists("t") ? 1 : 0, "an absolute TTL in the past restores nothing and drops the old key");
        assertEquals(
                "OK", jedis.restore("idle", 0, p, RestoreParams.restoreParams().idleTime(1000)));
        assertTrue(jedis.objectIdletime("idle") >= 1000);
        assertEquals("ERR Invalid TTL value, must be >= 0", error("RESTORE", "x", "-1", p));
        assertEquals("ERR Invalid IDLETIME value, must be >= 0", error("RESTORE", "x", "0", p, "IDLETIME", "-1"));
        assertEquals("ERR Invalid FREQ value, must be >= 0 and <= 255", error("RESTORE", "x", "0", p, "FREQ", "256"));
        assertEquals("ERR syntax error", error("RESTORE", "x", "0", p, "IDLETIME", "1", "FREQ", "1"));
    }

    @Test
    void corruptPayloadsAreRefusedAndChangeNothing() {
        jedis.set("keep", "old");
        byte[] flipped = payload("hash");
        flipped[3] ^= 1;
        assertEquals(
                "ERR DUMP payload version or checksum are wrong", error("RESTORE", "keep", "0", flipped, "REPLACE"));
        byte[] newer = payload("str");
        newer[newer.length - 10] = 99;
        assertEquals("ERR DUMP payload version or checksum are wrong", error("RESTORE", "keep", "0", newer, "REPLACE"));
        assertEquals(
                "ERR DUMP payload version or checksum are wrong",
                error("RESTORE", "keep", "0", new byte[] {1, 2}, "REPLACE"));
        // a valid envelope around a broken value: a listpack whose declared size lies
        byte[] broken = sealed(HexFormat.of().parseHex("1005ff00000000ff"));
        assertEquals("ERR Bad data format", error("RESTORE", "keep", "0", broken, "REPLACE"));
        byte[] emptySet = sealed(HexFormat.of().parseHex("0200"));
        assertEquals("ERR Bad data format", error("RESTORE", "keep", "0", emptySet, "REPLACE"));
        byte[] duplicate = sealed(HexFormat.of().parseHex("0202016101" + "61"));
        assertEquals("ERR Bad data format", error("RESTORE", "keep", "0", duplicate, "REPLACE"));
        // an LZF string of one byte that claims to expand to 2 GB: refused before anything is allocated
        byte[] lzfBomb = sealed(HexFormat.of().parseHex("00c301807ffffff000"));
        assertEquals("ERR Bad data format", error("RESTORE", "keep", "0", lzfBomb, "REPLACE"));
        assertEquals("old", jedis.get("keep"), "nothing was replaced");
    }

    /** A payload around {@code value} with a valid version and checksum. */
    private static byte[] sealed(byte[] value) {
        return DumpPayload.seal(value);
    }

    private static String error(String cmd, String key, String ttl, byte[] payload, String... options) {
        InetSocketAddress a = cloud.address("kv").orElseThrow();
        try (RawResp raw = new RawResp(a)) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            List<byte[]> args = new ArrayList<>(List.of(
                    cmd.getBytes(StandardCharsets.UTF_8),
                    key.getBytes(StandardCharsets.UTF_8),
                    ttl.getBytes(StandardCharsets.UTF_8),
                    payload));
            for (String o : options) {
                args.add(o.getBytes(StandardCharsets.UTF_8));
            }
            b.writeBytes(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (byte[] arg : args) {
                b.writeBytes(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                b.writeBytes(arg);
                b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            String reply = raw.send(b.toByteArray()).read();
            assertTrue(reply.startsWith("-"), reply);
            return reply.substring(1);
        }
    }
}
