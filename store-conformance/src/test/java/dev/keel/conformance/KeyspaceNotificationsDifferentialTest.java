package dev.keel.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.Keel;
import dev.keel.Store;
import dev.keel.Thresholds;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A long script of write commands of every type, edge cases included (conditions that are not
 * met, wrong types, keys emptied, overwritten or absent), run on Keel and on redis-server with
 * {@code notify-keyspace-events KEAn}: after each command, its reply and the exact messages it
 * sent on the keyspace and keyevent channels must be the same on both.
 *
 * <p>As in {@link KeyspaceNotificationsContractTest}, a marker published after each command
 * closes what it sent; nothing waits for time but for messages (30 seconds at most).
 */
class KeyspaceNotificationsDifferentialTest {
    /**
     * One command a line; no randomness (SPOP), no expiry due during the run, no approximate trim
     * (what it removes depends on the stream's block size, which differs between Keel and Redis).
     */
    private static final String SCRIPT = """
            set t 1 ex 100
            set t 2 keepttl
            set t 3 get
            set n v nx get
            set n v2 nx get
            set x v xx get
            lpush wl a
            set wl x get
            expire t 200 gt
            expire t 50 gt
            expire t 50 lt
            expire t 100 xx
            set nt 1
            expire nt 100 xx
            expire nt 100 gt
            expire nt 0
            setnx nt 1
            setex se 100 v
            psetex ps 100000 v
            getset ps w
            getex ps persist
            getex ps persist
            getex ps px 100000
            getex ps exat 1
            getex ps ex 10
            mset m1 1 m2 2 m1 3
            msetnx m1 1 m3 2
            msetnx m3 1 m4 2
            incr i
            decrby i 3
            incrbyfloat i 1.5
            incrbyfloat wl 1
            append ap abc
            setrange sr 2 xy
            getdel ap
            getdel ap
            linsert wl after a b
            linsert wl after zz b
            lset wl 9 x
            lset wl 0 z
            lmove wl wl right left
            lmove wl wl2 left right
            rpoplpush wl2 wl
            lrem wl 0 nope
            lrem wl 1 b
            ltrim nol 0 1
            ltrim wl 0 -1
            lpushx nol a
            rpushx wl c
            lpop wl 0
            lmpop 2 nol wl right count 9
            rpush l2 a b c
            blpop l2 0
            brpop l2 0
            blmove l2 l3 left right 0
            brpoplpush l3 l3 0
            blmpop 0 1 l3 left
            hset hh f 1 g 2
            hset hh f 1
            hmset hh h 3
            hsetnx hh f 2
            hsetnx hh k 2
            hincrby hh n 1
            hincrbyfloat hh f 0.5
            hdel hh nope
            hdel hh f g h
            hdel hh k n
            hincrby wl f 1
            sadd sa a b c
            sadd sa a
            srem sa nope
            srem sa a
            smove sa sa b
            smove sa sb b
            smove sa sb nope
            sadd sb c
            smove sa sb c
            sadd s1 a b
            sadd s2 b c
            sinterstore sd s1 s2
            sunionstore sd s1 s2
            sdiffstore sd s1 s2
            sinterstore sd s1 nokey
            sinterstore sd s1 nokey
            sunionstore s1 s1 s2
            spop nokey
            spop s1 0
            zadd za 1 a 2 b
            zadd za 1 a
            zadd za 3 a
            zadd za nx 5 a
            zadd za xx ch 5 a
            zadd za gt 1 a
            zadd za lt 1 a
            zadd za xx 1 nope
            zadd za incr 1 a
            zadd za nx incr 1 a
            zadd zn xx 1 a
            zadd zn incr 1 a
            zincrby zi 1 a
            zrem za nope
            zrem za a
            zadd za 1 c 2 d 3 e 4 f
            zremrangebyscore za 100 200
            zremrangebyscore za 1 1
            zremrangebyrank za 0 0
            zremrangebylex za [zz [zzz
            zpopmin za
            zpopmax za 0
            zpopmax za 9
            zadd z1 1 a 2 b
            zadd z2 1 b 2 c
            zunionstore zd 2 z1 z2
            zinterstore zd 2 z1 z2 weights 1 2
            zdiffstore zd 2 z1 z2
            zrangestore zd z1 1 2 byscore
            zrangestore zd z1 +inf (1 byscore rev limit 0 1
            zinterstore zd 2 z1 nokey
            zinterstore zd 2 z1 nokey
            zmpop 2 nokey z1 max count 1
            bzpopmin z1 0
            bzpopmax z2 0
            bzmpop 0 1 z2 min count 5
            xadd xs 1-1 f v
            xadd xs 2-1 f v
            xadd xs minid 1 3-1 f v
            xadd xs maxlen 2 4-1 f v
            xadd nos nomkstream * f v
            xtrim xs minid 4
            xtrim xs maxlen 100
            xdel xs 1-1
            xdel xs 4-1
            xsetid xs 10-1
            xgroup create xs g 0
            xgroup create xs g 0
            xgroup create xn g $ mkstream
            xgroup setid xs g 0
            xgroup createconsumer xs g c
            xgroup createconsumer xs g c
            xgroup delconsumer xs g c
            xgroup delconsumer xs g c
            xreadgroup group g c1 streams xs >
            xadd xs 11-1 f v
            xreadgroup group g c2 noack streams xs >
            xadd xs 12-1 f v
            xreadgroup group g c3 count 1 streams xs xn > >
            xreadgroup group g c3 streams xs 0
            xclaim xs g c4 0 12-1
            xclaim xs g c4 0 12-1
            xclaim xs g c5 0 99-1
            xautoclaim xs g c6 0 0 justid
            xack xs g 12-1
            xgroup destroy xs g
            xgroup destroy xs g
            copy t nt
            copy t t2
            copy t t2
            copy t t2 replace
            rename t t
            rename t t3
            renamenx t3 t2
            renamenx t3 t4
            persist t4
            expire t4 -1
            del nokey m1 m2 m1
            unlink m3 m4 nokey
            del nokey
            """;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"keel", "keel-1-stripe", "keel-scalable"})
    void script_sameRepliesAndEventsAsRedis(String configuration) throws InterruptedException {
        Keel.Builder keel = Keel.builder().registerMBean(false);
        keel = switch (configuration) {
            case "keel-1-stripe" -> keel.stripes(1);
            case "keel-scalable" -> keel.thresholds(Thresholds.scalableAlways());
            default -> keel;
        };
        try (Side ours = new Side(keel.open()); Side redis = new Side(Keel.redis(RedisServer.shared().uri()))) {
            for (String line : SCRIPT.strip().split("\n")) {
                String[] argv = line.strip().split(" ");
                String expectedReply = String.valueOf(redis.store.execute(argv));
                List<String> expectedEvents = redis.drain();
                assertEquals(expectedReply, String.valueOf(ours.store.execute(argv)), line);
                assertEquals(expectedEvents, ours.drain(), line);
            }
        }
    }

    /** One store, flushed, with notifications on and a recorder of every keyspace and keyevent message. */
    private static final class Side implements AutoCloseable {
        final Store store;
        final KeyspaceEventRecorder events;

        Side(Store store) {
            this.store = store;
            store.execute("FLUSHALL");
            store.execute("CONFIG", "SET", "notify-keyspace-events", "KEAn");
            events = new KeyspaceEventRecorder(store, "");
        }

        List<String> drain() throws InterruptedException {
            return events.drain();
        }

        @Override
        public void close() {
            events.close();
            store.execute("CONFIG", "SET", "notify-keyspace-events", "");
            store.close();
        }
    }
}
