package dev.keel.engine.stream;

import dev.keel.engine.hash.FieldTable;
import dev.keel.engine.keyspace.Keyspace;
import dev.keel.engine.memory.OffHeapMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The consumer groups of a stream: a SipHash-keyed table from group name to group record,
 * created with the first group and freed with the last.
 *
 * <p><b>Thread safety:</b> not thread safe; used under the key's stripe lock.
 */
final class StreamGroups {
    private static final byte[] RECORD_VALUE = new byte[8];

    private StreamGroups() {
    }

    private static int hashOf(Keyspace keyspace, byte[] name) {
        return (int) keyspace.hash(name);
    }

    static StreamGroup find(Stream stream, byte[] name) {
        long table = stream.groupsTable();
        if (table == 0) {
            return null;
        }
        FieldTable groups = new FieldTable(stream.memory(), table);
        long entry = groups.find(name, hashOf(stream.keyspace(), name));
        return entry == 0 ? null : new StreamGroup(stream.keyspace(), groups.longValue(entry));
    }

    static StreamGroup create(Stream stream, byte[] name, EntryId lastDelivered, long entriesRead) {
        OffHeapMemory memory = stream.memory();
        if (stream.groupsTable() == 0) {
            stream.setGroupsTable(FieldTable.create(memory, 0));
        }
        FieldTable groups = new FieldTable(memory, stream.groupsTable());
        int hash = hashOf(stream.keyspace(), name);
        if (groups.find(name, hash) != 0) {
            return null;
        }
        long record = StreamGroup.create(memory, name, lastDelivered, entriesRead);
        long entry = groups.newEntry(name, hash, RECORD_VALUE, 0);
        groups.setLongValue(entry, record);
        groups.link(entry);
        return new StreamGroup(stream.keyspace(), record);
    }

    static boolean destroy(Stream stream, byte[] name) {
        long table = stream.groupsTable();
        if (table == 0) {
            return false;
        }
        FieldTable groups = new FieldTable(stream.memory(), table);
        long entry = groups.find(name, hashOf(stream.keyspace(), name));
        if (entry == 0) {
            return false;
        }
        StreamGroup.free(stream.keyspace(), groups.longValue(entry));
        groups.unlink(entry);
        stream.memory().free(entry);
        if (groups.count() == 0) {
            groups.free();
            stream.setGroupsTable(0);
        }
        return true;
    }

    static List<StreamGroup> all(Stream stream) {
        List<StreamGroup> list = new ArrayList<>();
        long table = stream.groupsTable();
        if (table != 0) {
            FieldTable groups = new FieldTable(stream.memory(), table);
            groups.forEach(entry -> list.add(new StreamGroup(stream.keyspace(), groups.longValue(entry))));
            list.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        }
        return list;
    }

    static long count(Stream stream) {
        long table = stream.groupsTable();
        return table == 0 ? 0 : new FieldTable(stream.memory(), table).count();
    }

    static void free(Stream stream) {
        long table = stream.groupsTable();
        if (table == 0) {
            return;
        }
        FieldTable groups = new FieldTable(stream.memory(), table);
        groups.forEach(entry -> StreamGroup.free(stream.keyspace(), groups.longValue(entry)));
        groups.free();
        stream.setGroupsTable(0);
    }

    /** Copies the groups of {@code source} into {@code target}, which has none. */
    static void duplicate(Stream source, Stream target) {
        List<StreamGroup> groups = all(source);
        if (groups.isEmpty()) {
            return;
        }
        OffHeapMemory memory = source.memory();
        target.setGroupsTable(FieldTable.create(memory, groups.size()));
        FieldTable table = new FieldTable(memory, target.groupsTable());
        for (StreamGroup group : groups) {
            byte[] name = group.name();
            long entry = table.newEntry(name, hashOf(source.keyspace(), name), RECORD_VALUE, 0);
            table.setLongValue(entry, group.duplicate());
            table.link(entry);
        }
    }

    static String verify(Stream stream) {
        for (StreamGroup group : all(stream)) {
            String problem = group.verify();
            if (problem != null) {
                return "group " + new String(group.name(), java.nio.charset.StandardCharsets.UTF_8) + ": " + problem;
            }
        }
        return null;
    }
}
