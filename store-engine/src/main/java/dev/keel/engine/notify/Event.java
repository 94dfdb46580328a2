package dev.keel.engine.notify;

import java.nio.charset.StandardCharsets;

/**
 * One kind of keyspace event: its name as Redis sends it and the class ({@link NotifyFlags}) that
 * lets it through. The names are Redis 7.0's as it sends them, where they differ from its
 * documentation: ZREMRANGEBYSCORE sends {@code zremrangebyscore}, not {@code zrembyscore}.
 *
 * <p><b>Thread safety:</b> immutable.
 */
enum Event {
    // generic (g)
    DEL("del", NotifyFlags.GENERIC),
    EXPIRE("expire", NotifyFlags.GENERIC),
    PERSIST("persist", NotifyFlags.GENERIC),
    RENAME_FROM("rename_from", NotifyFlags.GENERIC),
    RENAME_TO("rename_to", NotifyFlags.GENERIC),
    COPY_TO("copy_to", NotifyFlags.GENERIC),
    // time and memory (x, e) and new keys (n)
    EXPIRED("expired", NotifyFlags.EXPIRED),
    EVICTED("evicted", NotifyFlags.EVICTED),
    NEW("new", NotifyFlags.NEW),
    // strings ($)
    SET("set", NotifyFlags.STRING),
    SETRANGE("setrange", NotifyFlags.STRING),
    INCRBY("incrby", NotifyFlags.STRING),
    INCRBYFLOAT("incrbyfloat", NotifyFlags.STRING),
    APPEND("append", NotifyFlags.STRING),
    // lists (l)
    LPUSH("lpush", NotifyFlags.LIST),
    RPUSH("rpush", NotifyFlags.LIST),
    LPOP("lpop", NotifyFlags.LIST),
    RPOP("rpop", NotifyFlags.LIST),
    LINSERT("linsert", NotifyFlags.LIST),
    LSET("lset", NotifyFlags.LIST),
    LREM("lrem", NotifyFlags.LIST),
    LTRIM("ltrim", NotifyFlags.LIST),
    // hashes (h)
    HSET("hset", NotifyFlags.HASH),
    HDEL("hdel", NotifyFlags.HASH),
    HINCRBY("hincrby", NotifyFlags.HASH),
    HINCRBYFLOAT("hincrbyfloat", NotifyFlags.HASH),
    HEXPIRE("hexpire", NotifyFlags.HASH),
    HPERSIST("hpersist", NotifyFlags.HASH),
    HEXPIRED("hexpired", NotifyFlags.HASH),
    // sets (s)
    SADD("sadd", NotifyFlags.SET),
    SREM("srem", NotifyFlags.SET),
    SPOP("spop", NotifyFlags.SET),
    SINTERSTORE("sinterstore", NotifyFlags.SET),
    SUNIONSTORE("sunionstore", NotifyFlags.SET),
    SDIFFSTORE("sdiffstore", NotifyFlags.SET),
    // sorted sets (z)
    ZADD("zadd", NotifyFlags.ZSET),
    ZINCR("zincr", NotifyFlags.ZSET),
    ZREM("zrem", NotifyFlags.ZSET),
    ZREMRANGEBYSCORE("zremrangebyscore", NotifyFlags.ZSET),
    ZREMRANGEBYRANK("zremrangebyrank", NotifyFlags.ZSET),
    ZREMRANGEBYLEX("zremrangebylex", NotifyFlags.ZSET),
    ZPOPMIN("zpopmin", NotifyFlags.ZSET),
    ZPOPMAX("zpopmax", NotifyFlags.ZSET),
    ZUNIONSTORE("zunionstore", NotifyFlags.ZSET),
    ZINTERSTORE("zinterstore", NotifyFlags.ZSET),
    ZDIFFSTORE("zdiffstore", NotifyFlags.ZSET),
    ZRANGESTORE("zrangestore", NotifyFlags.ZSET),
    // streams (t)
    XADD("xadd", NotifyFlags.STREAM),
    XTRIM("xtrim", NotifyFlags.STREAM),
    XDEL("xdel", NotifyFlags.STREAM),
    XSETID("xsetid", NotifyFlags.STREAM),
    XGROUP_CREATE("xgroup-create", NotifyFlags.STREAM),
    XGROUP_CREATECONSUMER("xgroup-createconsumer", NotifyFlags.STREAM),
    XGROUP_DELCONSUMER("xgroup-delconsumer", NotifyFlags.STREAM),
    XGROUP_DESTROY("xgroup-destroy", NotifyFlags.STREAM),
    XGROUP_SETID("xgroup-setid", NotifyFlags.STREAM);

    private final byte[] name;
    private final byte[] keyeventChannel;
    private final int type;

    Event(String name, int type) {
        this.name = name.getBytes(StandardCharsets.US_ASCII);
        this.keyeventChannel = ("__keyevent@0__:" + name).getBytes(StandardCharsets.US_ASCII);
        this.type = type;
    }

    /** Returns the event's name, the message on the keyspace channel; callers must not change it. */
    byte[] nameBytes() {
        return name;
    }

    /** Returns {@code __keyevent@0__:<name>}; callers must not change it. */
    byte[] keyeventChannel() {
        return keyeventChannel;
    }

    /** Returns the class bit ({@link NotifyFlags}) that lets this event through. */
    int type() {
        return type;
    }

    /** Returns the event's name as Redis sends it. */
    String eventName() {
        return new String(name, StandardCharsets.US_ASCII);
    }
}
