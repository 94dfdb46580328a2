package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.Keel;
import dev.keel.Reply;
import dev.keel.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications ({@code notify-keyspace-events}): the exact sequence of messages on the
 * {@code __keyspace@0__} and {@code __keyevent@0__} channels for a script of commands of every
 * type, for keys that expire, and for a setting that lets only some classes through; and CONFIG
 * GET/SET of the setting, with Redis's replies and errors. The same on Keel and on redis-server.
 *
 * <p>A subscription gets the messages in publish order, so after each command a marker published
 * on a channel of the test's own closes what that command sent: nothing waits for time, but for
 * messages (at most 30 seconds, so that a broken build fails instead of hanging). Keys start with
 * a prefix of the test's own and messages about other keys are ignored, since the Redis server is
 * shared by the whole run; the setting is turned off again after each test.
 */
class KeyspaceNotificationsContractTest extends ContractTest {
    private static final AtomicLong TESTS = new AtomicLong();
    private static final long WAIT_SECONDS = 30;

    /** A key prefix no other test uses, without glob characters; {@code k:} in a script stands for it. */
    private final String p = "kn" + TESTS.incrementAndGet() + "-" + System.nanoTime() + ":";
    private KeyspaceEventRecorder events;

    @BeforeEach
    void subscribe() {
        assertReply(Reply.OK, "CONFIG", "SET", "notify-keyspace-events", "KEA");
        events = new KeyspaceEventRecorder(store, p);
    }

    @AfterEach
    void unsubscribe() {
        events.close();
        exec("CONFIG", "SET", "notify-keyspace-events", "");
    }

    /** The command line with {@code k:} made the test's prefix, split on spaces. */
    private String[] line(String script) {
        return script.replace("k:", p).split(" ");
    }

    private List<String> drain() throws InterruptedException {
        return events.drain();
    }

    /**
     * Runs the command {@code script} and asserts that it sent exactly {@code expected}, each
     * written {@code "event key"}: one message on the key's keyspace channel, then one on the
     * event's keyevent channel.
     */
    private void assertEvents(String script, String... expected) throws InterruptedException {
        exec(line(script));
        List<String> messages = new ArrayList<>();
        for (String event : expected) {
            String[] parts = event.replace("k:", p).split(" ");
            messages.add("__keyspace@0__:" + parts[1] + " " + parts[0]);
            messages.add("__keyevent@0__:" + parts[0] + " " + parts[1]);
        }
        assertEquals(messages, drain(), script);
    }

    @Test
    void genericAndStringCommands_eventsAsRedis() throws Exception {
        assertEvents("set k:a 1", "set k:a");
        assertEvents("set k:a 2 ex 100", "set k:a", "expire k:a");
        assertEvents("set k:a 3 keepttl", "set k:a");
        assertEvents("set k:a 4 nx");
        assertEvents("set k:n v nx get", "set k:n");
        assertEvents("set k:x v xx get");
        assertEvents("setex k:d 100 v", "set k:d", "expire k:d");
        assertEvents("getex k:d persist", "persist k:d");
        assertEvents("getex k:d persist");
        assertEvents("getex k:d pxat 1", "del k:d");
        assertEvents("mset k:m1 1 k:m2 2", "set k:m1", "set k:m2");
        assertEvents("msetnx k:m1 1 k:m3 2");
        assertEvents("incrby k:i 5", "incrby k:i");
        assertEvents("incrbyfloat k:i 1.5", "incrbyfloat k:i");
        assertEvents("append k:s abc", "append k:s");
        assertEvents("setrange k:s 1 X", "setrange k:s");
        assertEvents("getset k:s v", "set k:s");
        assertEvents("getdel k:s", "del k:s");
        assertEvents("expire k:a 100", "expire k:a");
        assertEvents("persist k:a", "persist k:a");
        assertEvents("expire k:nokey 100");
        assertEvents("rename k:a k:b", "rename_from k:a", "rename_to k:b");
        assertEvents("renamenx k:b k:m1");
        assertEvents("copy k:b k:c", "copy_to k:c");
        assertEvents("del k:nokey k:c k:b k:c", "del k:c", "del k:b");
        assertEvents("pexpire k:i -1", "del k:i");
    }

    @Test
    void listCommands_eventsAsRedis() throws Exception {
        assertEvents("lpush k:l a b c", "lpush k:l");
        assertEvents("rpushx k:l d", "rpush k:l");
        assertEvents("lpushx k:nol x");
        assertEvents("linsert k:l before a z", "linsert k:l");
        assertEvents("linsert k:l before nope z");
        assertEvents("lset k:l 0 q", "lset k:l");
        assertEvents("lrem k:l 0 nope");
        assertEvents("lrem k:l 1 q", "lrem k:l");
        assertEvents("ltrim k:nol 0 1");
        assertEvents("ltrim k:l 0 -1", "ltrim k:l");
        assertEvents("rpoplpush k:l k:l2", "lpush k:l2", "rpop k:l");
        assertEvents("lmove k:l k:l2 left right", "rpush k:l2", "lpop k:l");
        assertEvents("lpop k:l 5", "lpop k:l", "del k:l");
        assertEvents("lpop k:l");
        assertEvents("lmpop 2 k:nol k:l2 right count 1", "rpop k:l2");
        assertEvents("rpush k:l2 x", "rpush k:l2");
        assertEvents("blpop k:l2 0", "lpop k:l2");
        assertEvents("brpop k:l2 0", "rpop k:l2", "del k:l2");
        assertEvents("rpush k:l3 a b", "rpush k:l3");
        assertEvents("ltrim k:l3 5 10", "ltrim k:l3", "del k:l3");
    }

    @Test
    void hashAndSetCommands_eventsAsRedis() throws Exception {
        assertEvents("hset k:h a 1 b 2", "hset k:h");
        assertEvents("hset k:h a 1", "hset k:h");
        assertEvents("hsetnx k:h a 1");
        assertEvents("hincrby k:h n 1", "hincrby k:h");
        assertEvents("hincrbyfloat k:h f 1.5", "hincrbyfloat k:h");
        assertEvents("hdel k:h zz");
        assertEvents("hdel k:h a b n f", "hdel k:h", "del k:h");
        assertEvents("sadd k:s a b c", "sadd k:s");
        assertEvents("sadd k:s a");
        assertEvents("srem k:s a", "srem k:s");
        assertEvents("sadd k:t b", "sadd k:t");
        assertEvents("smove k:s k:t b", "srem k:s");
        assertEvents("smove k:s k:t c", "srem k:s", "del k:s", "sadd k:t");
        assertEvents("spop k:t 5", "spop k:t", "del k:t");
        assertEvents("sadd k:x1 a b", "sadd k:x1");
        assertEvents("sinterstore k:d k:x1 k:x1", "sinterstore k:d");
        assertEvents("sunionstore k:d k:x1 k:nokey", "sunionstore k:d");
        assertEvents("sdiffstore k:d k:x1 k:x1", "del k:d");
        assertEvents("sdiffstore k:d k:x1 k:x1");
    }

    @Test
    void sortedSetCommands_eventsAsRedis() throws Exception {
        assertEvents("zadd k:z 1 a 2 b", "zadd k:z");
        assertEvents("zadd k:z 1 a");
        assertEvents("zadd k:z 3 a", "zadd k:z");
        assertEvents("zadd k:z gt 1 a");
        assertEvents("zadd k:z incr 1 a", "zincr k:z");
        assertEvents("zincrby k:z 1 b", "zincr k:z");
        assertEvents("zrem k:z zz");
        assertEvents("zadd k:z 5 c 6 d 7 e", "zadd k:z");
        assertEvents("zremrangebyscore k:z 5 5", "zremrangebyscore k:z");
        assertEvents("zremrangebyrank k:z 0 0", "zremrangebyrank k:z");
        assertEvents("zremrangebylex k:z [zz [zzz");
        assertEvents("zpopmin k:z", "zpopmin k:z");
        assertEvents("zpopmax k:z 10", "zpopmax k:z", "del k:z");
        assertEvents("zadd k:za 1 a 2 b", "zadd k:za");
        assertEvents("zunionstore k:zd 1 k:za", "zunionstore k:zd");
        assertEvents("zinterstore k:zd 2 k:za k:nokey", "del k:zd");
        assertEvents("zrangestore k:zd k:za 0 0", "zrangestore k:zd");
        assertEvents("zdiffstore k:zd 1 k:za", "zdiffstore k:zd");
        assertEvents("zmpop 1 k:za max", "zpopmax k:za");
        assertEvents("bzpopmin k:za 0", "zpopmin k:za", "del k:za");
    }

    @Test
    void streamCommands_eventsAsRedis() throws Exception {
        assertEvents("xadd k:x 1-1 f v", "xadd k:x");
        assertEvents("xadd k:x maxlen 1 2-1 f v", "xadd k:x", "xtrim k:x");
        assertEvents("xadd k:x maxlen 5 3-1 f v", "xadd k:x");
        assertEvents("xadd k:nos nomkstream * f v");
        assertEvents("xtrim k:x maxlen 100");
        assertEvents("xtrim k:x maxlen 1", "xtrim k:x");
        assertEvents("xdel k:x 1-1");
        assertEvents("xdel k:x 3-1", "xdel k:x");
        assertEvents("xsetid k:x 10-1", "xsetid k:x");
        assertEvents("xgroup create k:x g 0", "xgroup-create k:x");
        assertEvents("xgroup createconsumer k:x g c", "xgroup-createconsumer k:x");
        assertEvents("xgroup delconsumer k:x g c", "xgroup-delconsumer k:x");
        assertEvents("xgroup delconsumer k:x g c");
        assertEvents("xgroup setid k:x g 0", "xgroup-setid k:x");
        assertEvents("xreadgroup group g c1 streams k:x >");
        assertEvents("xadd k:x 11-1 f v", "xadd k:x");
        assertEvents("xreadgroup group g c1 streams k:x >", "xgroup-createconsumer k:x");
        assertEvents("xclaim k:x g c2 0 11-1", "xgroup-createconsumer k:x");
        assertEvents("xautoclaim k:x g c3 0 0", "xgroup-createconsumer k:x");
        assertEvents("xack k:x g 11-1");
        assertEvents("xgroup destroy k:x g", "xgroup-destroy k:x");
        assertEvents("xgroup create k:y g $ mkstream", "xgroup-create k:y");
    }

    @Test
    void expiredKey_expiredOnce_whenRemoved() throws Exception {
        assertEvents("set k:e v px 1", "set k:e", "expire k:e");
        // Bounded poll, not a timing assertion: the key goes by a lookup or the background sweep.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (redis.exists(p + "e") != 0 && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        assertEquals(0, redis.exists(p + "e"));
        assertEvents("exists k:e", "expired k:e");
    }

    @Test
    void classes_onlyThoseSet_onTheChannelsSet() throws Exception {
        assertReply(Reply.OK, "CONFIG", "SET", "notify-keyspace-events", "Kl");
        exec(line("set k:a 1"));
        exec(line("rpush k:l a"));
        exec(line("lpop k:l"));
        assertEquals(List.of("__keyspace@0__:" + p + "l rpush", "__keyspace@0__:" + p + "l lpop"), drain());
        assertReply(Reply.OK, "CONFIG", "SET", "notify-keyspace-events", "E$g");
        exec(line("set k:a 1"));
        exec(line("rpush k:l a"));
        exec(line("del k:l"));
        assertEquals(List.of("__keyevent@0__:set " + p + "a", "__keyevent@0__:del " + p + "l"), drain());
        assertReply(Reply.OK, "CONFIG", "SET", "notify-keyspace-events", "g$lshzxet");
        exec(line("set k:a 1"));
        assertReply(Reply.OK, "CONFIG", "SET", "notify-keyspace-events", "Kx");
        exec(line("set k:a 1 ex 100"));
        exec(line("pexpire k:a -1"));
        assertEquals(List.of(), drain());
    }

    @Test
    void newKeys_newWhenAdded_notWhenOverwritten() throws Exception {
        assertReply(Reply.OK, "CONFIG", "SET", "notify-keyspace-events", "KEAn");
        assertEvents("mset k:a 1 k:b 2", "new k:a", "set k:a", "new k:b", "set k:b");
        assertEvents("set k:a 2", "set k:a");
        assertEvents("sadd k:s x", "new k:s", "sadd k:s");
        assertEvents("smove k:s k:s2 x", "srem k:s", "del k:s", "new k:s2", "sadd k:s2");
        assertEvents("rename k:a k:b", "new k:b", "rename_from k:a", "rename_to k:b");
        assertEvents("copy k:b k:s2 replace", "new k:s2", "copy_to k:s2");
        assertEvents("lpush k:l x", "new k:l", "lpush k:l");
        assertEvents("set k:l 1", "set k:l");
        assertEvents("zadd k:z 1 a", "new k:z", "zadd k:z");
        assertEvents("zunionstore k:z 1 k:z", "zunionstore k:z");
        assertEvents("sadd k:q1 a", "new k:q1", "sadd k:q1");
        assertEvents("sinterstore k:q k:q1", "new k:q", "sinterstore k:q");
        assertEvents("sinterstore k:q k:q1", "sinterstore k:q");
        assertEvents("xgroup create k:st g $ mkstream", "new k:st", "xgroup-create k:st");
        assertEvents("rpush k:l1 a", "new k:l1", "rpush k:l1");
        assertEvents("lmove k:l1 k:l2 left left", "new k:l2", "lpush k:l2", "lpop k:l1", "del k:l1");
    }

    @Test
    void builder_setsTheSetting_onKeelAndOnTheServer() {
        Keel.Builder builder = Keel.builder().registerMBean(false).notifyKeyspaceEvents("Kl");
        try (Store configured = (target.redis() ? builder.redis(RedisServer.shared().uri()) : builder).open()) {
            assertEquals(array("notify-keyspace-events", "lK"), configured.execute("CONFIG", "GET", "notify-keyspace-events"));
        }
    }

    @Test
    void configGetAndSet_asRedis() {
        assertReply(array("notify-keyspace-events", "AKE"), "CONFIG", "GET", "notify-keyspace-events");
        String[][] written = {{"Elg", "glE"}, {"g$lshzxetd", "A"}, {"KEAm", "AKEm"}, {"mn", "nm"}, {"tdn", "tdn"}, {"KEgg", "gKE"},
                {"", ""}, {"Kx", "xK"}};
        for (String[] pair : written) {
            assertReply(Reply.OK, "CONFIG", "SET", "notify-keyspace-events", pair[0]);
            assertReply(array("notify-keyspace-events", pair[1]), "CONFIG", "GET", "notify-keyspace-events");
        }
        assertReply(array("NOTIFY-keyspace-EVENTS", "xK"), "CONFIG", "GET", "NOTIFY-keyspace-EVENTS");
        assertReply(array("notify-keyspace-events", "xK"), "CONFIG", "GET", "notify-keyspace-ev?nts", "notify-keyspace-events");
        assertReply(array(), "CONFIG", "GET", "no-such-parameter-here");
        assertError("ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class "
                + "character. Use 'Ag$lshzxeKEtmdn'.", "CONFIG", "SET", "notify-keyspace-events", "KEz?");
        assertError("ERR CONFIG SET failed (possibly related to argument 'Notify-keyspace-events') - duplicate parameter",
                "CONFIG", "SET", "notify-keyspace-events", "KEA", "Notify-keyspace-events", "A");
        assertError("ERR Unknown option or number of arguments for CONFIG SET - 'no-such-parameter-here'",
                "CONFIG", "SET", "no-such-parameter-here", "1");
        assertError("ERR syntax error", "CONFIG", "SET", "notify-keyspace-events", "KEA", "extra");
        assertError("ERR wrong number of arguments for 'config|set' command", "CONFIG", "SET", "notify-keyspace-events");
        assertError("ERR wrong number of arguments for 'config|get' command", "CONFIG", "GET");
        assertError("ERR wrong number of arguments for 'config' command", "CONFIG");
        assertError("ERR unknown subcommand 'bogus'. Try CONFIG HELP.", "CONFIG", "bogus");
        assertReply(array("notify-keyspace-events", "xK"), "CONFIG", "GET", "notify-keyspace-events");
        assertTrue(events.isOpen());
    }
}
