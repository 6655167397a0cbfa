package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.panstack.operator.api.v1alpha1.SecretReference;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.database.RdsRestore;
import io.panstack.operator.database.SafetySnapshot;
import io.panstack.operator.api.v1alpha1.PanStackRestoreSpec;
import io.panstack.operator.api.v1alpha1.PanStackRestoreStatus;
import io.panstack.operator.files.EfsFiles;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * deploy/aws/iam-policy.json lists exactly the AWS actions the operator calls: every call made over a stack's whole
 * life (create, change, release under each deletion policy) is allowed, and nothing it never calls is granted.
 */
@Tag(Tiers.MOTO)
class IamPolicyTest extends MotoCloudTest {
    /** S3 operations whose IAM action has another name. */
    static final Map<String, Set<String>> S3_ACTIONS = Map.ofEntries(
            Map.entry("HeadBucket", Set.of("s3:ListBucket")),
            Map.entry("GetBucketEncryption", Set.of("s3:GetEncryptionConfiguration")),
            Map.entry("PutBucketEncryption", Set.of("s3:PutEncryptionConfiguration")),
            Map.entry("GetPublicAccessBlock", Set.of("s3:GetBucketPublicAccessBlock")),
            Map.entry("PutPublicAccessBlock", Set.of("s3:PutBucketPublicAccessBlock")),
            Map.entry("DeleteBucketTagging", Set.of("s3:PutBucketTagging")),
            Map.entry("ListObjectVersions", Set.of("s3:ListBucketVersions")),
            Map.entry("ListObjectsV2", Set.of("s3:ListBucket")),
            Map.entry("GetBucketLifecycleConfiguration", Set.of("s3:GetLifecycleConfiguration")),
            Map.entry("PutBucketLifecycleConfiguration", Set.of("s3:PutLifecycleConfiguration")),
            Map.entry("DeleteObjects", Set.of("s3:DeleteObject", "s3:DeleteObjectVersion")),
            Map.entry("ListBuckets", Set.of("s3:ListAllMyBuckets")),
            Map.entry("DeleteBucketLifecycle", Set.of("s3:PutLifecycleConfiguration")),
            Map.entry("GetObjectLockConfiguration", Set.of("s3:GetBucketObjectLockConfiguration")),
            Map.entry("PutObjectLockConfiguration", Set.of("s3:PutBucketObjectLockConfiguration")));
    /** Granted for AWS to call on the operator's behalf, not called by it: EC2 for mount targets, IAM for RDS. */
    static final Set<String> ON_BEHALF = Set.of("ec2:", "iam:");

    @org.junit.jupiter.api.BeforeAll
    static void regionOfItsOwn() {
        // Every call must happen here, including ModifyDBParameterGroup, which moto's mixed-up parameter groups
        // would skip in a region where other tests made groups before.
        aws = new CloudFixture(MOTO, "eu-central-1");
    }

    @Test
    void thePolicyGrantsExactlyTheCallsOfAStacksWholeLife() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AwsServices services = aws.services(UrlConnectionHttpClient.create(), registry);
        Stack retained = null;
        for (String choice : new String[] { "Retain", "Snapshot", "Delete", "Delete+recoveryPoints" }) {
            String policy = choice.split("\\+")[0];
            Stack stack = aws.stack("iam-" + policy.toLowerCase() + "-" + System.nanoTime(), UUID.randomUUID().toString(), policy);
            stack.spec().setDeleteRecoveryPoints(choice.endsWith("recoveryPoints"));
            io.panstack.operator.api.v1alpha1.BackupLockSpec lock = new io.panstack.operator.api.v1alpha1.BackupLockSpec();
            lock.setMode(io.panstack.operator.api.v1alpha1.BackupLockSpec.Mode.GOVERNANCE);
            lock.setDays(7);
            if (!choice.endsWith("recoveryPoints")) { // a locked bucket is kept, never deleted
                stack.spec().getBackup().setObjectLock(lock); // backup.objectLock: Object Lock on the stack's bucket
            }
            TestCredentials credentials = new TestCredentials();
            CloudState state = CloudFixture.untilReady(stack, services, credentials);
            stack.spec().getDatabase().getRds().setAllocatedStorageGiB(30);
            CloudResources.reconcile(stack, services, credentials);
            aws.s3.putObject(r -> r.bucket(state.bucket().name()).key("themes/a.css"), RequestBody.fromString("a"));
            CloudResourcesMotoTest.releaseUntilDone(stack, services);
            retained = policy.equals("Retain") ? stack : retained;
        }
        // A new stack of the same namespace adopting what the first one kept: the operator tags it as its own.
        Stack adopting = aws.stack(retained.namespace(), UUID.randomUUID().toString(), "Retain");
        adopting.spec().getDatabase().getRds().setIdentifier(AwsNames.rdsIdentifier(retained));
        adopting.spec().getDatabase().getRds().setCredentialsSecretRef(new SecretReference("kept-login"));
        adopting.spec().getDatabase().getRds().setAllocatedStorageGiB(30);
        adopting.spec().getFiles().getEfs().setFileSystemId(EfsFiles.find(retained, services.efs()).orElseThrow().id());
        adopting.spec().getBucket().setName(AwsNames.bucket(retained));
        CloudFixture.untilReady(adopting, services, new TestCredentials());
        // A new stack restored from a snapshot of it.
        String source = AwsNames.rdsIdentifier(retained);
        String snapshot = source + "-snap";
        aws.rds.createDBSnapshot(r -> r.dbInstanceIdentifier(source).dbSnapshotIdentifier(snapshot));
        Stack restoring = aws.stack(retained.namespace(), "bi-restored", UUID.randomUUID().toString(), "Retain");
        restoring.spec().getDatabase().setRestoreFrom(new io.panstack.operator.api.v1alpha1.RestoreSpec());
        restoring.spec().getDatabase().getRestoreFrom().setRdsSnapshotId(snapshot);
        restoring.spec().getDatabase().getRds().setAllocatedStorageGiB(30); // the snapshot's size
        TestCredentials restoringLogin = new TestCredentials();
        CloudFixture.untilReady(restoring, services, restoringLogin);
        // A PanStackRestore of it to a point in time: a new instance.
        PanStackRestoreSpec toNow = new PanStackRestoreSpec();
        toNow.setPointInTime(PanStackRestoreSpec.LATEST);
        RdsRestore.Request request = new RdsRestore.Request("to-now", UUID.randomUUID().toString(), toNow);
        for (int pass = 0; pass < 10; pass++) {
            var progress = CloudResources.reconcile(restoring, services, restoringLogin, CloudResources.Asked.rdsRestore(request)).database().restore();
            if (progress.finished()) {
                assertThat(progress.phase()).isEqualTo(PanStackRestoreStatus.RestorePhase.Completed);
                break;
            }
        }
        // Before an upgrade of an RDS stack without logical backups: a snapshot.
        String safety = SafetySnapshot.name(restoring, "2025_10.1", "2026_01");
        SafetySnapshot.ensureAvailable(restoring, services.rds(), safety);
        assertThat(SafetySnapshot.ensureAvailable(restoring, services.rds(), safety)).isTrue();
        // Hibernation: the instance stopped while the stack sleeps, started when it wakes.
        var asleep = restoring.withSleep(new io.panstack.operator.stack.Sleep(
                io.panstack.operator.api.v1alpha1.HibernationStatus.State.Asleep, null));
        assertThat(CloudResources.reconcile(asleep, services, restoringLogin).database().awsStatus()).isEqualTo("stopping");
        assertThat(CloudResources.reconcile(restoring, services, restoringLogin).database().awsStatus()).isEqualTo("starting");
        Set<String> called = registry.getMeters().stream().filter(m -> m.getId().getName().equals("panstack.aws.requests"))
                .map(Meter::getId).flatMap(id -> actions(id.getTag("service"), id.getTag("operation")).stream())
                .collect(Collectors.toCollection(TreeSet::new));
        // Moto lacks the backup policy calls, so a fake answers them here (SdkFileSystemBackupsTest covers the real ones).
        called.addAll(Set.of("elasticfilesystem:DescribeBackupPolicy", "elasticfilesystem:PutBackupPolicy",
                "backup:ListRecoveryPointsByResource"));

        Set<String> granted = granted();
        assertThat(granted).as("every call the operator makes is allowed").containsAll(called);
        assertThat(granted.stream().filter(a -> ON_BEHALF.stream().noneMatch(a::startsWith)))
                .as("nothing is granted that the operator never calls").containsExactlyInAnyOrderElementsOf(called);
    }

    static Set<String> actions(String service, String operation) {
        return switch (service) {
            case "rds" -> Set.of("rds:" + operation);
            case "efs" -> Set.of("elasticfilesystem:" + operation);
            case "s3" -> S3_ACTIONS.getOrDefault(operation, Set.of("s3:" + operation));
            default -> throw new AssertionError("unexpected service " + service);
        };
    }

    static Set<String> granted() throws Exception {
        JsonNode policy = new ObjectMapper().readTree(Files.readString(Path.of("deploy/aws/iam-policy.json")));
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : policy.get("Statement")) {
            JsonNode action = statement.get("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }
        return actions;
    }
}
