package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.DatabaseMode;
import io.panstack.operator.api.v1alpha1.DatabaseStatus;
import io.panstack.operator.api.v1alpha1.DeletionPolicy;
import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus.RestorePhase;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.cloud.RdsRestoreProgress;
import io.panstack.operator.cloud.Release;
import io.panstack.operator.database.RdsDatabase;
import io.panstack.operator.database.RdsRestore;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;

/**
 * PanStackRestores of an RDS stack to a point in time or a snapshot, against moto: a new instance with the stack's
 * settings, Pi pointed at it, the old one kept; refusals that change nothing; the current instance found again
 * without status; the stack's deletion releasing every instance by its policy.
 */
@Tag(Tiers.MOTO)
class RdsRestoreMotoTest extends MotoCloudTest {
    private final TestCredentials credentials = new TestCredentials();

    private DBInstance instance(String id) {
        return aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
    }

    private boolean exists(String id) {
        try {
            instance(id);
            return true;
        } catch (DbInstanceNotFoundException e) {
            return false;
        }
    }

    private static RdsRestore.Request pointInTime(String when) {
        PanStackRestoreSpec spec = new PanStackRestoreSpec();
        spec.setStack("bi");
        spec.setPointInTime(when);
        return new RdsRestore.Request("to-monday", UUID.randomUUID().toString(), spec);
    }

    private static RdsRestore.Request snapshot(String id) {
        PanStackRestoreSpec spec = new PanStackRestoreSpec();
        spec.setStack("bi");
        spec.setRdsSnapshotId(id);
        return new RdsRestore.Request("from-snapshot", UUID.randomUUID().toString(), spec);
    }

    /** One pass while the restore is the stack's active one. */
    private CloudState restoring(Stack stack, AwsServices services, RdsRestore.Request request) {
        return CloudResources.reconcile(stack, services, credentials, CloudResources.Asked.rdsRestore(request));
    }

    /** Passes as the operator runs them while the restore is active, until it finished. */
    private CloudState untilFinished(Stack stack, AwsServices services, RdsRestore.Request request) {
        CloudState state = null;
        for (int pass = 1; pass <= 10; pass++) {
            state = restoring(stack, services, request);
            RdsRestoreProgress progress = state.database().restore();
            if (progress.finished()) {
                return state;
            }
            assertThat(state.settling()).as("a restore under way is polled at the fast pace").isTrue();
        }
        throw new AssertionError("not finished after 10 passes: " + state.database().restore());
    }

    /** A stack on RDS (and EFS and S3), made and ready. */
    private Stack readyStack() {
        Stack stack = aws.awsStack();
        CloudFixture.untilReady(stack, aws.services(), credentials);
        return stack;
    }

    /** The stack as the operator sees it after writing status.database.instanceId. */
    private static Stack recording(Stack stack, String instanceId) {
        DatabaseStatus database = new DatabaseStatus(DatabaseMode.Rds, "h", 3306, "dashboard", "s");
        database.setInstanceId(instanceId);
        PanStackStatus status = new PanStackStatus();
        status.setDatabase(database);
        stack.resource().setStatus(status);
        return Stack.of(stack.resource());
    }

    @Test
    void aPointInTimeRestoreMakesANewInstanceWithTheStacksSettingsPointsPiAtItAndKeepsTheOldOne() {
        Stack stack = aws.awsStack();
        AwsServices services = aws.services();
        CloudState before = CloudFixture.untilReady(stack, services, credentials);
        String old = AwsNames.rdsIdentifier(stack);
        RdsRestore.Request request = pointInTime(Instant.now().minus(5, ChronoUnit.MINUTES).toString());

        CloudState after = untilFinished(stack, services, request);

        String restored = AwsNames.restoredRdsIdentifier(stack, request.uid());
        RdsRestoreProgress progress = after.database().restore();
        assertThat(progress.phase()).isEqualTo(RestorePhase.Completed);
        assertThat(progress.restoredInstance()).isEqualTo(restored);
        assertThat(progress.previousInstance()).isEqualTo(old);
        assertThat(after.database().identifier()).as("Pi is pointed at the new instance").isEqualTo(restored);
        assertThat(after.database().host()).isNotEqualTo(before.database().host()).isEqualTo(instance(restored).endpoint().address());

        DBInstance made = instance(restored);
        DBInstance kept = instance(old);
        assertThat(made.dbInstanceClass()).isEqualTo(kept.dbInstanceClass());
        assertThat(made.multiAZ()).isTrue();
        assertThat(made.deletionProtection()).isTrue();
        assertThat(made.dbParameterGroups()).extracting(g -> g.dbParameterGroupName()).containsExactly(old);
        assertThat(made.vpcSecurityGroups()).extracting(g -> g.vpcSecurityGroupId()).containsExactly(aws.network.securityGroupId());
        assertThat(CloudFixture.tags(made.tagList()))
                .containsEntry(AwsTags.UID, stack.resource().getMetadata().getUid())
                .containsEntry(AwsTags.RESTORE, "to-monday")
                .containsEntry(AwsTags.REPLACES, old)
                .containsEntry(AwsTags.MASTER_PASSWORD_SET, "true");
        assertThat(kept.dbInstanceStatus()).as("the old instance is kept, running").isEqualTo("available");
        assertThat(CloudFixture.tags(kept.tagList())).containsEntry(AwsTags.REPLACED_BY, restored);
        assertThat(credentials.generated).as("the stack's password is kept, not a new one made").isEqualTo(1);

        // Later passes (the restore done) stay on the new instance, with or without status to say so.
        assertThat(CloudResources.reconcile(recording(stack, restored), services, credentials).database().identifier())
                .isEqualTo(restored);
        stack.resource().setStatus(null);
        assertThat(CloudResources.reconcile(Stack.of(stack.resource()), services, credentials).database().identifier())
                .as("status lost: the replaced-by tag leads to it").isEqualTo(restored);
        assertThat(RdsDatabase.identifier(recording(stack, restored))).isEqualTo(restored);

        // The old instance deleted by hand, and status lost: the stack's parameter group still says where it went.
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(old).deletionProtection(false).applyImmediately(true));
        aws.rds.deleteDBInstance(r -> r.dbInstanceIdentifier(old).skipFinalSnapshot(true));
        assertThat(CloudResources.reconcile(Stack.of(stack.resource()), services, credentials).database().identifier())
                .isEqualTo(restored);
        assertThat(exists(old)).as("no empty instance is made in the old one's place").isFalse();
    }

    @Test
    void aSnapshotOfTheStackIsRestoredLikewise() {
        Stack stack = readyStack();
        AwsServices services = aws.services();
        String old = AwsNames.rdsIdentifier(stack);
        aws.rds.createDBSnapshot(r -> r.dbInstanceIdentifier(old).dbSnapshotIdentifier(old + "-sunday")
                .tags(t -> t.key(AwsTags.NAMESPACE).value(stack.namespace()),
                        t -> t.key(AwsTags.NAME).value(stack.name()),
                        t -> t.key(AwsTags.UID).value(stack.resource().getMetadata().getUid())));
        RdsRestore.Request request = snapshot(old + "-sunday");

        CloudState after = untilFinished(stack, services, request);

        assertThat(after.database().restore().phase()).isEqualTo(RestorePhase.Completed);
        assertThat(after.database().identifier()).isEqualTo(AwsNames.restoredRdsIdentifier(stack, request.uid()));
        assertThat(exists(old)).isTrue();
    }

    /** PanStackBackup kind RdsSnapshot: a manual snapshot of the current instance, taken once, restorable. */
    @Test
    void aSnapshotAskedForIsTakenOnceAndRestoresLikeAnyOfTheStacks() {
        Stack stack = readyStack();
        AwsServices services = aws.services();
        String id = AwsNames.rdsIdentifier(stack) + "-backup-0a1b2c3d";

        CloudState first = CloudResources.reconcile(stack, services, credentials, CloudResources.Asked.rdsSnapshots(
                java.util.List.of(id)));
        CloudState second = CloudResources.reconcile(stack, services, credentials, CloudResources.Asked.rdsSnapshots(
                java.util.List.of(id)));

        assertThat(first.database().snapshots()).containsKey(id);
        assertThat(second.database().snapshots()).containsEntry(id, "available");
        var snapshots = aws.rds.describeDBSnapshots(r -> r.dbInstanceIdentifier(AwsNames.rdsIdentifier(stack))
                .snapshotType("manual")).dbSnapshots();
        assertThat(snapshots).as("taken once").filteredOn(s -> s.dbSnapshotIdentifier().equals(id)).hasSize(1);
        assertThat(CloudResources.reconcile(stack, services, credentials).database().snapshots())
                .as("not asked for: not looked at").isEmpty();

        RdsRestore.Request request = snapshot(id);
        assertThat(untilFinished(stack, services, request).database().restore().phase())
                .isEqualTo(RestorePhase.Completed);
    }

    @Test
    void whatCannotBeRestoredFailsTheRestoreOnlyAndChangesNothing() {
        Stack stack = readyStack();
        AwsServices services = aws.services();
        String old = AwsNames.rdsIdentifier(stack);
        aws.rds.createDBSnapshot(r -> r.dbInstanceIdentifier(old).dbSnapshotIdentifier(old + "-theirs")
                .tags(t -> t.key(AwsTags.NAMESPACE).value("another-team"), t -> t.key(AwsTags.NAME).value("bi")));

        // An untagged snapshot of an untagged instance that is not the stack's (e.g. another team's, made by hand).
        String otherId = "finance-" + UUID.randomUUID().toString().substring(0, 8);
        aws.rds.createDBSubnetGroup(r -> r.dbSubnetGroupName(otherId).dbSubnetGroupDescription("finance")
                .subnetIds(aws.network.subnetIds()));
        aws.rds.createDBInstance(r -> r.dbInstanceIdentifier(otherId).engine("mariadb").engineVersion("10.11.6")
                .dbInstanceClass("db.t3.small").allocatedStorage(20).masterUsername("panintelligence")
                .masterUserPassword("Secret123456").dbSubnetGroupName(otherId));
        aws.rds.createDBSnapshot(r -> r.dbInstanceIdentifier(otherId).dbSnapshotIdentifier(otherId + "-untagged"));

        for (RdsRestore.Request refused : new RdsRestore.Request[] {
                snapshot(old + "-theirs"), snapshot("no-such-snapshot"), snapshot(otherId + "-untagged"),
                pointInTime(Instant.now().plus(1, ChronoUnit.HOURS).toString()), pointInTime("2026-02-30T10:00:00Z") }) {
            CloudState state = restoring(stack, services, refused);

            RdsRestoreProgress progress = state.database().restore();
            assertThat(progress.phase()).as(refused.source()).isEqualTo(RestorePhase.Failed);
            assertThat(progress.message()).containsPattern("(?i)nothing was (read or )?changed");
            assertThat(state.ready()).as("the stack itself is not held").isTrue();
            assertThat(state.database().identifier()).isEqualTo(old);
            assertThat(exists(AwsNames.restoredRdsIdentifier(stack, refused.uid()))).isFalse();
        }
        assertThat(restoring(stack, services, snapshot(old + "-theirs"))
                .database().restore().message()).contains("another namespace");
        assertThat(restoring(stack, services, snapshot(otherId + "-untagged"))
                .database().restore().message()).contains("not of this PanStack's instances");
        assertThat(restoring(stack, services, pointInTime("2026-02-30T10:00:00Z"))
                .database().restore().message()).contains("is not a time");
    }

    @Test
    void anInstanceStatusNamesThatIsGoneIsNeverReplacedByAnEmptyOne() {
        Stack stack = readyStack();
        AwsServices services = aws.services();
        RdsRestore.Request request = pointInTime(PanStackRestoreSpec.LATEST);
        String restored = untilFinished(stack, services, request).database().identifier();
        Stack recorded = recording(stack, restored);
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(restored).deletionProtection(false).applyImmediately(true));
        aws.rds.deleteDBInstance(r -> r.dbInstanceIdentifier(restored).skipFinalSnapshot(true));

        assertThatThrownBy(() -> CloudResources.reconcile(recorded, services, credentials))
                .isInstanceOfSatisfying(CloudProblem.class, e -> {
                    assertThat(e.problem().reason()).isEqualTo("RdsInstanceMissing");
                    assertThat(e.problem().message()).contains(restored).contains("Nothing was created");
                });
        assertThat(exists(AwsNames.rdsIdentifier(stack))).as("the old instance is untouched").isTrue();
    }

    @Test
    void theStacksDeletionReleasesTheCurrentAndThePreviousInstancesByItsPolicy() {
        Stack stack = aws.stack("aws-restore-release-" + UUID.randomUUID().toString().substring(0, 8),
                UUID.randomUUID().toString(), "Snapshot");
        AwsServices services = aws.services();
        CloudFixture.untilReady(stack, services, credentials);
        String old = AwsNames.rdsIdentifier(stack);
        String restored = untilFinished(stack, services, pointInTime(PanStackRestoreSpec.LATEST)).database().identifier();
        Stack recorded = recording(stack, restored);

        for (int pass = 0; pass < 10 && (exists(old) || exists(restored)); pass++) {
            RdsDatabase.release(recorded, services.rds(), DeletionPolicy.Snapshot, new Release());
        }

        assertThat(exists(old)).isFalse();
        assertThat(exists(restored)).isFalse();
        assertThat(aws.rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(AwsNames.finalSnapshot(old, stack)))
                .dbSnapshots()).as("each went after a final snapshot").hasSize(1);
        assertThat(aws.rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(AwsNames.finalSnapshot(restored, stack)))
                .dbSnapshots()).hasSize(1);
    }

    @Test
    void retainLetsGoOfEveryInstanceOfTheStack() {
        Stack stack = readyStack();
        AwsServices services = aws.services();
        String old = AwsNames.rdsIdentifier(stack);
        String restored = untilFinished(stack, services, pointInTime(PanStackRestoreSpec.LATEST)).database().identifier();
        Release release = new Release();

        RdsDatabase.release(recording(stack, restored), services.rds(), DeletionPolicy.Retain, release);

        for (String id : new String[] { old, restored }) {
            Map<String, String> tags = CloudFixture.tags(instance(id).tagList());
            assertThat(tags).as(id).doesNotContainKeys(AwsTags.UID, AwsTags.MANAGED_BY);
        }
        assertThat(release.kept()).anySatisfy(k -> assertThat(k).contains(old))
                .anySatisfy(k -> assertThat(k).contains(restored));
    }
}
