package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.panstack.operator.api.v1alpha1.BackupLockSpec;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.cloud.Observed;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.FaultInjectingHttpClient.Fault;
import io.panstack.operator.testsupport.FaultInjectingHttpClient;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Static stability: AWS calls that only feed status (RDS snapshots, AWS Backup recovery points, the EFS backup policy)
 * never hold the database, the files or the bucket, whatever they answer. On a real cluster against moto, AWS
 * Backup's HTTP 404 once stalled a whole stack; here each kind of failure (an error, access denied, a time-out) is
 * given to each such call, and the stack's resources must still become ready, with the failure reported where it
 * belongs.
 */
@Tag(Tiers.MOTO)
class ObservationFailuresTest extends MotoCloudTest {

    @Test
    void withAwsBackupAsMotoAnswersItTheStackIsReadyAndSaysWhyItsBackupFiguresAreUnknown() {
        Stack stack = aws.awsStack();
        CloudState state = CloudFixture.untilReady(stack,
                aws.servicesAsMotoAnswers(UrlConnectionHttpClient.create()), new TestCredentials());

        assertThat(state.ready()).isTrue();
        assertThat(state.files().state().reason()).isEqualTo("EfsAvailable");
        assertThat(state.files().lastRecoveryPoint().failed()).isTrue();
        assertThat(state.files().lastRecoveryPoint().failure()).as("moto lacks ListRecoveryPointsByResource")
                .startsWith("backup: HTTP 404");
        assertThat(state.database().newestSnapshot().failed()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1} answering {2}")
    @CsvSource({
            "rds,    DescribeDBSnapshots, ACCESS_DENIED",
            "rds,    DescribeDBSnapshots, TIMEOUT",
            "rds,    DescribeDBSnapshots, SERVICE_UNAVAILABLE",
            "backup, /recovery-points,    ACCESS_DENIED",
            "backup, /recovery-points,    TIMEOUT",
            "backup, /recovery-points,    SERVICE_UNAVAILABLE",
            "elasticfilesystem, /backup-policy, ACCESS_DENIED",
            "elasticfilesystem, /backup-policy, TIMEOUT" })
    void aFailingObservationHoldsNothing(String service, String operation, Fault fault) {
        FaultInjectingHttpClient http = new FaultInjectingHttpClient(UrlConnectionHttpClient.create())
                .failOperation(service, operation, fault);
        Stack stack = aws.awsStack();
        CloudState state = CloudFixture.untilReady(stack, aws.servicesAsMotoAnswers(http), new TestCredentials());

        assertThat(http.injected()).as("the fault was injected").isPositive();
        assertThat(state.ready()).as("database, files and bucket are ready").isTrue();
        Observed<?> failed = switch (service) {
            case "rds" -> state.database().newestSnapshot();
            case "backup" -> state.files().lastRecoveryPoint();
            default -> state.files().automaticBackups();
        };
        assertThat(failed.failed()).isTrue();
        assertThat(failed.failure()).containsAnyOf(switch (fault) {
            case ACCESS_DENIED -> new String[] { "AccessDenied" };
            case TIMEOUT -> new String[] { "timed out" };
            default -> new String[] { "ServiceUnavailable", "HTTP 503" };
        });
    }

    /**
     * backup.objectLock's read of the bucket's Object Lock only decides a drift line (and, for a bucket the operator
     * made, whether to turn it on): its failure is reported there and holds nothing.
     */
    @ParameterizedTest(name = "s3 GetObjectLockConfiguration answering {0}")
    @EnumSource(value = Fault.class, names = { "ACCESS_DENIED", "TIMEOUT", "SERVICE_UNAVAILABLE" })
    void aBucketsObjectLockThatCannotBeReadHoldsNothing(Fault fault) {
        FaultInjectingHttpClient http = new FaultInjectingHttpClient(UrlConnectionHttpClient.create())
                .failOperation("s3", "?object-lock", fault);
        Stack stack = aws.awsStack();
        BackupLockSpec lock = new BackupLockSpec();
        lock.setMode(BackupLockSpec.Mode.GOVERNANCE);
        lock.setDays(30);
        stack.spec().getBackup().setObjectLock(lock);

        CloudState state = CloudFixture.untilReady(stack, aws.servicesAsMotoAnswers(http), new TestCredentials());

        assertThat(http.injected()).as("the fault was injected").isPositive();
        assertThat(state.ready()).as("database, files and bucket are ready").isTrue();
        assertThat(state.bucket().state().drift()).anySatisfy(line -> assertThat(line)
                .startsWith("Object Lock could not be looked at (").contains("Looked at again"));
    }
}
