package dev.keel.engine.lincheck;

import dev.keel.engine.lincheck.AtomicallyLincheck.AtomicallyWithoutLocking;
import dev.keel.engine.lincheck.AtomicallyLincheck.TransferAsSeparateCommands;
import dev.keel.engine.lincheck.AtomicallyLincheck.Transfers;
import dev.keel.engine.lincheck.BlockingPopLincheck.BlockingPops;
import dev.keel.engine.lincheck.BlockingPopLincheck.BlpopAsLindexThenLpop;
import dev.keel.engine.lincheck.BlockingPopLincheck.UntimedBlockingPops;
import dev.keel.engine.lincheck.CrossStripeLincheck.ListMoves;
import dev.keel.engine.lincheck.CrossStripeLincheck.RenameAsGetSetDel;
import dev.keel.engine.lincheck.CrossStripeLincheck.Renames;
import dev.keel.engine.lincheck.CrossStripeLincheck.SetMoves;
import dev.keel.engine.lincheck.ExpiryLincheck.Expiry;
import dev.keel.engine.lincheck.ExpiryLincheck.SetPxAsSetThenPexpire;
import dev.keel.engine.lincheck.HashLincheck.Hashes;
import dev.keel.engine.lincheck.HashLincheck.HincrbyAsHgetThenHset;
import dev.keel.engine.lincheck.ListLincheck.Lists;
import dev.keel.engine.lincheck.ListLincheck.LmoveAsRpopThenLpush;
import dev.keel.engine.lincheck.SetLincheck.Sets;
import dev.keel.engine.lincheck.SetLincheck.SmoveAsSremThenSadd;
import dev.keel.engine.lincheck.SortedSetLincheck.SortedSets;
import dev.keel.engine.lincheck.SortedSetLincheck.ZincrbyAsZscoreThenZadd;
import dev.keel.engine.lincheck.StreamLincheck.Streams;
import dev.keel.engine.lincheck.StreamLincheck.XreadgroupAsXrangeThenXclaim;
import dev.keel.engine.lincheck.StringLincheck.IncrAsGetThenSet;
import dev.keel.engine.lincheck.StringLincheck.Strings;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every Lincheck check of the engine, in one class so that they run in a fixed order.
 *
 * <p><b>What CI runs, and why not all of it.</b> Lincheck instruments the classes a check runs
 * and puts them back after it. When consecutive checks instrument differently (model checking,
 * stress, and the trace Lincheck records of a failure), every round trip through the JVM's
 * class redefinition (JDK 25) doubles the constant pool of a few engine classes
 * ({@code zset.ZSetCommands}, {@code notify.Before}); after about six such switches the merge
 * overflows ("Merged constant pool overflow" on the console) and every later check takes ten
 * times as long, and even before that a stress check after model checking costs some 20 s.
 * Model checks back to back do not grow it. So CI runs every type's model checking (about a
 * minute on two cores), then three broken variants that model checking must catch (INCR as GET
 * then SET, a transfer as separate commands instead of {@code atomically}, RENAME as GET, SET,
 * DEL across stripes). {@code -Dlincheck.all=true} adds every type's stress run and the other
 * broken variants; run those in a JVM of their own, a few at a time, for example
 * {@code mvn -B -o test -pl store-engine -Dtest='LincheckTest#*stressed*' -Dlincheck.all=true}.
 *
 * <p>Each subject and its sequential model live in the class named after its type
 * ({@link StringLincheck}, ...); {@link LincheckRuns} says how big the runs are.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LincheckTest {
    private static final String ALL = "lincheck.all";

    // ------------------------------------------------------------------ model checking

    @Test
    @Order(1)
    void strings_modelChecked_linearizable() {
        LincheckRuns.modelCheck(Strings.class, StringLincheck.Model.class, 1);
    }

    @Test
    @Order(2)
    void lists_modelChecked_linearizable() {
        LincheckRuns.modelCheck(Lists.class, ListLincheck.Model.class, 1);
    }

    @Test
    @Order(3)
    void hashes_modelChecked_linearizable() {
        LincheckRuns.modelCheck(Hashes.class, HashLincheck.Model.class, 1);
    }

    @Test
    @Order(4)
    void sets_modelChecked_linearizable() {
        LincheckRuns.modelCheck(Sets.class, SetLincheck.Model.class, 1);
    }

    @Test
    @Order(5)
    void sortedSets_modelChecked_linearizable() {
        LincheckRuns.modelCheck(SortedSets.class, SortedSetLincheck.Model.class, 1);
    }

    @Test
    @Order(6)
    void streams_modelChecked_linearizable() {
        LincheckRuns.modelCheck(Streams.class, StreamLincheck.Model.class, 1);
    }

    @Test
    @Order(7)
    void expiry_modelChecked_linearizable() {
        LincheckRuns.modelCheck(Expiry.class, ExpiryLincheck.Model.class, 1);
    }

    @Test
    @Order(8)
    void untimedBlpopAgainstLpush_modelChecked_linearizable() {
        LincheckRuns.modelCheck(UntimedBlockingPops.class, BlockingPopLincheck.Model.class, 1, BlockingPopLincheck.servedScenarios());
    }

    @Test
    @Order(9)
    void renameAcrossStripes_modelChecked_linearizable() {
        LincheckRuns.modelCheck(Renames.class, CrossStripeLincheck.RenameModel.class, CrossStripeLincheck.STRIPES);
    }

    @Test
    @Order(10)
    void smoveAcrossStripes_modelChecked_linearizable() {
        LincheckRuns.modelCheck(SetMoves.class, CrossStripeLincheck.SetMoveModel.class, CrossStripeLincheck.STRIPES);
    }

    @Test
    @Order(11)
    void lmoveAcrossStripes_modelChecked_linearizable() {
        LincheckRuns.modelCheck(ListMoves.class, CrossStripeLincheck.ListMoveModel.class, CrossStripeLincheck.STRIPES);
    }

    @Test
    @Order(12)
    void atomicallyTransfersAndReads_modelChecked_linearizable() {
        LincheckRuns.modelCheck(Transfers.class, AtomicallyLincheck.Model.class, AtomicallyLincheck.STRIPES);
    }

    // ------------------------------------------------------------------ stress

    @Test
    @Order(20)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void strings_stressed_linearizable() {
        LincheckRuns.stress(Strings.class, StringLincheck.Model.class, 1);
    }

    @Test
    @Order(21)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void lists_stressed_linearizable() {
        LincheckRuns.stress(Lists.class, ListLincheck.Model.class, 1);
    }

    @Test
    @Order(22)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void hashes_stressed_linearizable() {
        LincheckRuns.stress(Hashes.class, HashLincheck.Model.class, 1);
    }

    @Test
    @Order(23)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void sets_stressed_linearizable() {
        LincheckRuns.stress(Sets.class, SetLincheck.Model.class, 1);
    }

    @Test
    @Order(24)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void sortedSets_stressed_linearizable() {
        LincheckRuns.stress(SortedSets.class, SortedSetLincheck.Model.class, 1);
    }

    @Test
    @Order(25)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void streams_stressed_linearizable() {
        LincheckRuns.stress(Streams.class, StreamLincheck.Model.class, 1);
    }

    @Test
    @Order(26)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void expiry_stressed_linearizable() {
        LincheckRuns.stress(Expiry.class, ExpiryLincheck.Model.class, 1);
    }

    @Test
    @Order(27)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void blpopWithTimeoutAgainstLpush_stressed_linearizable() {
        LincheckRuns.stress(BlockingPops.class, BlockingPopLincheck.Model.class, 1);
    }

    @Test
    @Order(28)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void renameAcrossStripes_stressed_linearizable() {
        LincheckRuns.stress(Renames.class, CrossStripeLincheck.RenameModel.class, CrossStripeLincheck.STRIPES);
    }

    @Test
    @Order(29)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void smoveAcrossStripes_stressed_linearizable() {
        LincheckRuns.stress(SetMoves.class, CrossStripeLincheck.SetMoveModel.class, CrossStripeLincheck.STRIPES);
    }

    @Test
    @Order(30)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void lmoveAcrossStripes_stressed_linearizable() {
        LincheckRuns.stress(ListMoves.class, CrossStripeLincheck.ListMoveModel.class, CrossStripeLincheck.STRIPES);
    }

    @Test
    @Order(31)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void atomicallyTransfersAndReads_stressed_linearizable() {
        LincheckRuns.stress(Transfers.class, AtomicallyLincheck.Model.class, AtomicallyLincheck.STRIPES);
    }

    // ------------------------------------------------------------------ broken variants, caught

    @Test
    @Order(40)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void incrAsGetThenSet_stressedBroken_caught() {
        LincheckRuns.assertStressCatches(IncrAsGetThenSet.class, StringLincheck.Model.class, 1);
    }

    @Test
    @Order(13)
    void transferAsSeparateCommands_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(TransferAsSeparateCommands.class, AtomicallyLincheck.Model.class, AtomicallyLincheck.STRIPES);
    }

    @Test
    @Order(14)
    void renameAsGetSetDel_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(RenameAsGetSetDel.class, CrossStripeLincheck.RenameModel.class, CrossStripeLincheck.STRIPES);
    }

    @Test
    @Order(15)
    void incrAsGetThenSet_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(IncrAsGetThenSet.class, StringLincheck.Model.class, 1);
    }

    @Test
    @Order(51)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void lmoveAsRpopThenLpush_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(LmoveAsRpopThenLpush.class, ListLincheck.Model.class, 1);
    }

    @Test
    @Order(52)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void hincrbyAsHgetThenHset_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(HincrbyAsHgetThenHset.class, HashLincheck.Model.class, 1);
    }

    @Test
    @Order(53)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void smoveAsSremThenSadd_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(SmoveAsSremThenSadd.class, SetLincheck.Model.class, 1);
    }

    @Test
    @Order(54)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void zincrbyAsZscoreThenZadd_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(ZincrbyAsZscoreThenZadd.class, SortedSetLincheck.Model.class, 1);
    }

    @Test
    @Order(55)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void xreadgroupAsXrangeThenXclaim_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(XreadgroupAsXrangeThenXclaim.class, StreamLincheck.Model.class, 1);
    }

    @Test
    @Order(56)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void setPxAsSetThenPexpire_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(SetPxAsSetThenPexpire.class, ExpiryLincheck.Model.class, 1);
    }

    @Test
    @Order(57)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void blpopAsLindexThenLpop_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(BlpopAsLindexThenLpop.class, BlockingPopLincheck.Model.class, 1,
                BlockingPopLincheck.servedScenarios());
    }

    @Test
    @Order(58)
    @EnabledIfSystemProperty(named = ALL, matches = "true")
    void atomicallyWithoutLocking_modelCheckedBroken_caught() {
        LincheckRuns.assertModelCheckingCatches(AtomicallyWithoutLocking.class, AtomicallyLincheck.Model.class, AtomicallyLincheck.STRIPES);
    }
}
