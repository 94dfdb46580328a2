package dev.keel.engine.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Keel;
import dev.keel.engine.AbstractCommandTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The keyspace events of every write command Keel has, with {@code notify-keyspace-events KEA}:
 * which events, in which order, on which keys, and none when a command changes nothing. The
 * expectations for the commands Redis 7.0 has were taken from redis-server 7.0.15 (and the
 * conformance suite compares the two); those for newer commands follow Redis's documentation.
 * Each expected event is written {@code "event key"}: a message on the key's keyspace channel,
 * then one on the event's keyevent channel.
 */
@Timeout(60)
class KeyspaceEventsTest extends AbstractCommandTest {
    private EventRecorder events;

    @Override
    protected Keel.Builder configure(Keel.Builder builder) {
        return builder.registerMBean(false).notifyKeyspaceEvents("KEA");
    }

    @BeforeEach
    void subscribe() {
        events = new EventRecorder(store);
    }

    @AfterEach
    void unsubscribe() {
        events.close();
    }

    /** Runs each command line (words split on spaces) and forgets their events. */
    private void given(String... lines) {
        for (String line : lines) {
            exec(line.split(" "));
        }
        events.drain();
    }

    /** Asserts that the command line (words split on spaces) sends exactly {@code expected}. */
    private void assertEvents(String line, String... expected) {
        assertEvents(line.split(" "), expected);
    }

    private void assertEvents(String[] argv, String... expected) {
        exec(argv);
        assertEquals(messages(expected), events.drain(), () -> String.join(" ", argv));
    }

    /** The keyspace and keyevent messages of events written {@code "event key"}. */
    static List<String> messages(String... expected) {
        List<String> messages = new ArrayList<>();
        for (String event : expected) {
            String[] parts = event.split(" ");
            messages.add("__keyspace@0__:" + parts[1] + " " + parts[0]);
            messages.add("__keyevent@0__:" + parts[0] + " " + parts[1]);
        }
        return messages;
    }

    // ------------------------------------------------------------------ generic

    @Test
    void del_existingKeysOnly_delEachOnceInOrder() {
        given("set a 1", "set b 1");
        assertEvents("del nokey b a b", "del b", "del a");
        assertEvents("del a b");
        given("set a 1");
        assertEvents("unlink a", "del a");
    }

    @Test
    void expireFamily_futureExpire_pastDel_noKeyNothing() {
        given("set a 1");
        assertEvents("expire a 100", "expire a");
        assertEvents("pexpire a 100000", "expire a");
        assertEvents("expireat a 4102444800", "expire a");
        assertEvents("pexpireat a 4102444800000", "expire a");
        assertEvents("expire a 100 nx");
        assertEvents("persist a", "persist a");
        assertEvents("persist a");
        assertEvents("expire nokey 10");
        assertEvents("expire a -1", "del a");
        given("set a 1");
        assertEvents("pexpireat a 1", "del a");
    }

    @Test
    void renameAndCopy_fromThenTo_copyTo_sameKeyNothing() {
        given("set a 1", "set c 1");
        assertEvents("rename a b", "rename_from a", "rename_to b");
        assertEvents("rename b b");
        assertEvents("renamenx b c");
        assertEvents("renamenx b d", "rename_from b", "rename_to d");
        assertEvents("copy d e", "copy_to e");
        assertEvents("copy d e");
        assertEvents("copy d e replace", "copy_to e");
        assertEvents("flushall");
    }

    // ------------------------------------------------------------------ strings

    @Test
    void set_variants_setAndExpire() {
        assertEvents("set a 1", "set a");
        assertEvents("set a 2 ex 100", "set a", "expire a");
        assertEvents("set a 3 keepttl", "set a");
        assertEvents("set a 4 get", "set a");
        assertEvents("set a 5 nx");
        assertEvents("set a 5 xx px 100000", "set a", "expire a");
        assertEvents("set b 1 xx");
        assertEvents("set n v nx get", "set n");
        assertEvents("set n v2 nx get");
        assertEvents("set x v xx get");
        assertEvents("set n v3 xx get", "set n");
        assertEvents("setnx a 1");
        assertEvents("setnx c 1", "set c");
        assertEvents("setex d 100 v", "set d", "expire d");
        assertEvents("psetex d 100000 v", "set d", "expire d");
        assertEvents("getset a 9", "set a");
        assertEvents("mset m1 1 m2 2 m1 3", "set m1", "set m2", "set m1");
        assertEvents("msetnx m3 1 m4 2", "set m3", "set m4");
        assertEvents("msetnx m3 1 m5 2");
    }

    @Test
    void getdelAndGetex_delExpirePersist() {
        given("set a 1", "set d v");
        assertEvents("getdel a", "del a");
        assertEvents("getdel a");
        assertEvents("getex d persist");
        assertEvents("getex d ex 100", "expire d");
        assertEvents("getex d");
        assertEvents("getex d persist", "persist d");
        assertEvents("getex d pxat 1", "del d");
        assertEvents("getex d ex 100");
    }

    @Test
    void counters_appendAndSetrange() {
        assertEvents("incr i", "incrby i");
        assertEvents("decr i", "incrby i");
        assertEvents("incrby i 5", "incrby i");
        assertEvents("decrby i 5", "incrby i");
        assertEvents("incrbyfloat i 1.5", "incrbyfloat i");
        assertEvents("append s abc", "append s");
        assertEvents("setrange s 1 X", "setrange s");
        assertEvents(new String[] {"setrange", "s", "0", ""});
        assertEvents(new String[] {"setrange", "s2", "0", ""});
        assertEvents("incr s");
    }

    // ------------------------------------------------------------------ lists

    @Test
    void pushesAndPops_andDelWhenEmptied() {
        assertEvents("lpush l a b c", "lpush l");
        assertEvents("rpush l d", "rpush l");
        assertEvents("lpushx l x", "lpush l");
        assertEvents("rpushx l y", "rpush l");
        assertEvents("lpushx nol x");
        assertEvents("lpop l", "lpop l");
        assertEvents("rpop l", "rpop l");
        assertEvents("lpop l 2", "lpop l");
        assertEvents("lpop nol");
        assertEvents("lpop l 0");
        assertEvents("lpop l 5", "lpop l", "del l");
        given("rpush l a");
        assertEvents("rpop l", "rpop l", "del l");
    }

    @Test
    void listEdits_onlyWhenChanged() {
        given("rpush l a b");
        assertEvents("linsert l before a z", "linsert l");
        assertEvents("linsert l before nope z");
        assertEvents("lset l 0 q", "lset l");
        assertEvents("lrem l 0 nope");
        assertEvents("lrem l 1 q", "lrem l");
        assertEvents("ltrim l 0 -1", "ltrim l");
        assertEvents("ltrim nol 0 1");
        assertEvents("ltrim l 5 10", "ltrim l", "del l");
        given("rpush l a");
        assertEvents("lrem l 0 a", "lrem l", "del l");
    }

    @Test
    void moves_pushBeforePop_thenDel() {
        given("rpush l2 1 2");
        assertEvents("rpoplpush l2 l3", "lpush l3", "rpop l2");
        assertEvents("rpoplpush l2 l3", "lpush l3", "rpop l2", "del l2");
        assertEvents("rpoplpush l2 l3");
        assertEvents("lmove l3 l3 left right", "rpush l3", "lpop l3");
        assertEvents("lmove l3 l4 right left", "lpush l4", "rpop l3");
        assertEvents("lmove l3 l4 left left", "lpush l4", "lpop l3", "del l3");
        assertEvents("brpoplpush l4 l4 0", "lpush l4", "rpop l4");
        assertEvents("blmove l4 l5 right right 0", "rpush l5", "rpop l4");
        assertEvents("blmove l4 l5 right right 0", "rpush l5", "rpop l4", "del l4");
    }

    @Test
    void multiAndBlockingPops_thePoppedKey() {
        given("rpush l5 1", "rpush l6 1 2");
        assertEvents("lmpop 2 nol l5 left count 5", "lpop l5", "del l5");
        assertEvents("lmpop 1 nol left");
        assertEvents("blpop nol l6 0", "lpop l6");
        assertEvents("brpop l6 0", "rpop l6", "del l6");
        given("rpush l8 1 2");
        assertEvents("blmpop 0 2 nol l8 right", "rpop l8");
        assertEvents("blmpop 0 1 l8 right count 9", "rpop l8", "del l8");
    }

    @Test
    void blockedPop_servedByPush_pushThenPop() throws Exception {
        var blocked = startBlocked("BLPOP", "q", "0");
        exec("RPUSH", "q", "job");
        assertEquals(array("q", "job"), answerOf(blocked));
        assertEquals(messages("rpush q", "lpop q", "del q"), events.drain());
    }

    // ------------------------------------------------------------------ hashes

    @Test
    void hashCommands() {
        assertEvents("hset h a 1 b 2", "hset h");
        assertEvents("hset h a 1", "hset h");
        assertEvents("hmset h c 3", "hset h");
        assertEvents("hsetnx h a 1");
        assertEvents("hsetnx h d 4", "hset h");
        assertEvents("hincrby h n 1", "hincrby h");
        assertEvents("hincrbyfloat h f 1.5", "hincrbyfloat h");
        assertEvents("hdel h zz");
        assertEvents("hdel h a b", "hdel h");
        assertEvents("hdel h c d n f", "hdel h", "del h");
    }

    @Test
    void hashFieldExpiry_hexpireHpersist_pastTimeHdel() {
        given("hset h a 1 b 2");
        assertEvents("hexpire h 100 fields 1 a", "hexpire h");
        assertEvents("hexpire h 100 nx fields 1 a");
        assertEvents("hexpire h 100 fields 1 zz");
        assertEvents("hpersist h fields 2 a b", "hpersist h");
        assertEvents("hpersist h fields 1 a");
        assertEvents("hpexpireat h 1 fields 1 a", "hdel h");
        assertEvents("hexpireat h 1 fields 1 b", "hdel h", "del h");
    }

    @Test
    void redis8HashCommands_effectsEvents() {
        assertEvents("hsetex h ex 100 fields 2 a 1 b 2", "hset h", "hexpire h");
        assertEvents("hsetex h fnx fields 1 a 1");
        assertEvents("hsetex h keepttl fields 1 a 2", "hset h");
        assertEvents("hgetex h persist fields 1 a", "hpersist h");
        assertEvents("hgetex h persist fields 1 a");
        assertEvents("hgetex h px 100000 fields 1 a", "hexpire h");
        assertEvents("hgetex h fields 1 a");
        assertEvents("hgetex h ex 100 fields 1 zz");
        assertEvents("hgetex h pxat 1 fields 1 a", "hdel h");
        assertEvents("hgetdel h fields 1 zz");
        assertEvents("hgetdel h fields 1 b", "hdel h", "del h");
        assertEvents("hsetex h pxat 1 fields 1 a 1", "hset h", "hdel h", "del h");
    }

    @Test
    void keelHashExtensions_hsetAndHdel() {
        assertEvents("keel.hgetset h a 1", "hset h");
        assertEvents("keel.hreplace h b 1");
        assertEvents("keel.hreplace h a 2", "hset h");
        assertEvents("keel.hcas h a 9 3");
        assertEvents("keel.hcas h a 2 3", "hset h");
        assertEvents("keel.hcad h a 9");
        assertEvents("keel.hcad h a 3", "hdel h", "del h");
    }

    @Test
    void expiredFields_hexpiredOnAccessAndDelWithTheLast() {
        given("hset h a 1 b 2", "hpexpire h 100 fields 1 a");
        clock.advanceMillis(101);
        assertEvents("hget h b", "hexpired h");
        given("hpexpire h 100 fields 1 b");
        clock.advanceMillis(101);
        assertEvents("hlen h", "hexpired h", "del h");
    }

    // ------------------------------------------------------------------ sets

    @Test
    void setCommands() {
        assertEvents("sadd s a b", "sadd s");
        assertEvents("sadd s a");
        assertEvents("srem s zz");
        assertEvents("srem s a", "srem s");
        assertEvents("smove s s b");
        assertEvents("smove s s2 b", "srem s", "del s", "sadd s2");
        assertEvents("smove s s2 b");
        given("sadd d x", "sadd d2 x y");
        assertEvents("smove d d2 x", "srem d", "del d");
        assertEvents("smove d2 d3 y", "srem d2", "sadd d3");
        given("sadd s3 a b c");
        assertEvents("spop s3", "spop s3");
        assertEvents("spop s3 5", "spop s3", "del s3");
        assertEvents("spop s3");
        given("sadd s4 a");
        assertEvents("spop s4 0");
    }

    @Test
    void setStores_eventOrDelOfAnExistingDestination() {
        given("sadd x1 a b", "sadd x2 b c");
        assertEvents("sinterstore d1 x1 x2", "sinterstore d1");
        assertEvents("sunionstore d1 x1 x2", "sunionstore d1");
        assertEvents("sdiffstore d1 x1 x2", "sdiffstore d1");
        assertEvents("sinterstore d1 x1 nokey", "del d1");
        assertEvents("sinterstore d9 x1 nokey");
    }

    // ------------------------------------------------------------------ sorted sets

    @Test
    void zadd_onlyWhenSomethingChanged() {
        assertEvents("zadd z 1 a 2 b", "zadd z");
        assertEvents("zadd z 1 a");
        assertEvents("zadd z 2 a", "zadd z");
        assertEvents("zadd z nx 5 a");
        assertEvents("zadd z xx ch 5 a", "zadd z");
        assertEvents("zadd z ch 5 a");
        assertEvents("zadd z lt 9 a");
        assertEvents("zadd z gt 9 a", "zadd z");
        assertEvents("zadd z incr 1 a", "zincr z");
        assertEvents("zadd z nx incr 1 a");
        assertEvents("zincrby z 1 b", "zincr z");
    }

    @Test
    void zsetRemovals_andDelWhenEmptied() {
        given("zadd z 1 a 2 b 3 c 4 d 5 e");
        assertEvents("zrem z zz");
        assertEvents("zrem z a", "zrem z");
        assertEvents("zremrangebyscore z 100 200");
        assertEvents("zremrangebyscore z 2 2", "zremrangebyscore z");
        assertEvents("zremrangebyrank z 0 0", "zremrangebyrank z");
        assertEvents("zremrangebylex z [a [z", "zremrangebylex z", "del z");
        given("zadd z 1 a 2 b 3 c");
        assertEvents("zpopmin z", "zpopmin z");
        assertEvents("zpopmax z", "zpopmax z");
        assertEvents("zpopmin z 0");
        assertEvents("zpopmin z 5", "zpopmin z", "del z");
        assertEvents("zpopmin z");
    }

    @Test
    void zsetMultiAndBlockingPops() {
        given("zadd za 1 a 2 b", "zadd zb 1 b 2 c", "zadd zc 1 a");
        assertEvents("zmpop 2 nokey za min count 10", "zpopmin za", "del za");
        assertEvents("bzpopmin zb 0", "zpopmin zb");
        assertEvents("bzpopmax zb 0", "zpopmax zb", "del zb");
        assertEvents("bzmpop 0 1 zc max", "zpopmax zc", "del zc");
    }

    @Test
    void zsetStores_eventOrDelOfAnExistingDestination() {
        given("zadd za 1 a 2 b", "zadd zb 1 b 2 c");
        assertEvents("zunionstore zd 2 za zb", "zunionstore zd");
        assertEvents("zinterstore zd 2 za zb", "zinterstore zd");
        assertEvents("zdiffstore zd 2 za zb", "zdiffstore zd");
        assertEvents("zrangestore zd za 0 -1", "zrangestore zd");
        assertEvents("zinterstore zd 2 za nokey", "del zd");
        assertEvents("zinterstore zd 2 za nokey");
        assertEvents("zrangestore zd2 za 10 20");
    }

    // ------------------------------------------------------------------ streams

    @Test
    void xaddAndTrims() {
        assertEvents("xadd x 1-1 f v", "xadd x");
        assertEvents("xadd x maxlen 1 2-1 f v", "xadd x", "xtrim x");
        assertEvents("xadd x maxlen 5 3-1 f v", "xadd x");
        assertEvents("xadd y nomkstream * f v");
        assertEvents("xadd x minid 3 5-1 f v", "xadd x", "xtrim x");
        assertEvents("xtrim x maxlen 100");
        assertEvents("xtrim x maxlen 1", "xtrim x");
        assertEvents("xdel x 1-1");
        assertEvents("xdel x 5-1", "xdel x");
        assertEvents("xsetid x 10-1", "xsetid x");
        assertEvents("xtrim x maxlen 0");
        assertEvents("xadd z maxlen 0 1-1 f v", "xadd z", "xtrim z");
    }

    @Test
    void consumerGroups_xgroupEvents() {
        given("xadd x 1-1 f v");
        assertEvents("xgroup create x g $", "xgroup-create x");
        assertEvents("xgroup create x g $");
        assertEvents("xgroup create nos g $ mkstream", "xgroup-create nos");
        assertEvents("xgroup createconsumer x g c", "xgroup-createconsumer x");
        assertEvents("xgroup createconsumer x g c");
        assertEvents("xgroup delconsumer x g c", "xgroup-delconsumer x");
        assertEvents("xgroup delconsumer x g c");
        assertEvents("xgroup setid x g 0", "xgroup-setid x");
        assertEvents("xgroup destroy x g", "xgroup-destroy x");
        assertEvents("xgroup destroy x g");
    }

    @Test
    void consumersCreatedByReads_xgroupCreateconsumer() {
        given("xadd y 1-1 f v", "xgroup create y g 0", "xgroup create y2 g $ mkstream");
        assertEvents("xreadgroup group g a streams y2 >");
        assertEvents("xreadgroup group g b count 1 streams y y2 > >", "xgroup-createconsumer y");
        assertEvents("xreadgroup group g b streams y >");
        assertEvents("xack y g 1-1");
        given("xadd y 2-1 f v", "xreadgroup group g a streams y >");
        assertEvents("xclaim y g c 0 2-1", "xgroup-createconsumer y");
        assertEvents("xclaim y g c 0 2-1");
        assertEvents("xautoclaim y g d 0 0", "xgroup-createconsumer y");
    }

    // ------------------------------------------------------------------ time and memory

    @Test
    void expiredKey_expiredWhenFoundByALookup() {
        given("set k v px 100", "rpush l a");
        clock.advanceMillis(101);
        assertEvents("get k", "expired k");
        assertEvents("get k");
        given("set k v px 100");
        clock.advanceMillis(101);
        assertEvents("set k w", "expired k", "set k");
    }

    @Test
    void newKeys_withN_newBeforeTheKeysFirstEvent_notForReplacedKeys() {
        // The conformance suite compares a script of every type with redis-server; these are the edges.
        exec("CONFIG", "SET", "notify-keyspace-events", "KEAn");
        assertEvents("mset a 1 b 2 a 3", "new a", "set a", "new b", "set b", "set a");
        given("rpush l x");
        assertEvents("set l 1", "set l");
        assertEvents("rename l a", "new a", "rename_from l", "rename_to a");
        assertEvents("rpoplpush l9 l10");
        given("set k v px 100");
        clock.advanceMillis(101);
        assertEvents("set k w", "expired k", "new k", "set k");
        exec("CONFIG", "SET", "notify-keyspace-events", "Kn");
        assertEquals(List.of("__keyspace@0__:n new"), eventsOf("set n 1"));
    }

    /** Runs the command line and returns the messages it sent. */
    private List<String> eventsOf(String line) {
        exec(line.split(" "));
        return events.drain();
    }

    @Test
    void setWithPastExpiry_setExpireThenExpiredLater() {
        assertEvents("set e 1 pxat 1", "set e", "expire e");
        assertEvents("exists e", "expired e");
    }
}
