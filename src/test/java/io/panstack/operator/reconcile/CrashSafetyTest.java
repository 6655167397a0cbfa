package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.aws.efs.FileSystemBackups;
import io.panstack.operator.aws.efs.FileSystems;
import io.panstack.operator.aws.rds.DatabaseInstances;
import io.panstack.operator.aws.s3.Buckets;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The operator dies right after an AWS create call went through, before it could record anything; a new operator
 * (no status, nothing in memory) runs the stack again. Whichever create it died after, the emulator must end up
 * with exactly one of each resource.
 */
@Tag(Tiers.MOTO)
class CrashSafetyTest extends MotoCloudTest {

    /**
     * The operator process dying: nothing after it runs. An Error, so that no catch meant for AWS failures (such as
     * the one that keeps a failed status-only read from holding the stack) can outlive it.
     */
    static final class Crash extends Error {
        Crash(String after) {
            super("crashed right after " + after, null, false, false);
        }
    }

    /** AWS interfaces that let the Nth create call through to AWS, then crash; and record every create's name. */
    static final class CrashAfterCreate {
        final AtomicInteger creates = new AtomicInteger();
        final List<String> names = new ArrayList<>();
        final int crashAt;

        CrashAfterCreate(int crashAt) {
            this.crashAt = crashAt;
        }

        AwsServices wrap(AwsServices real) {
            return new AwsServices(real.region(), wrap(DatabaseInstances.class, real.rds()),
                    wrap(FileSystems.class, real.efs()), wrap(FileSystemBackups.class, real.efsBackups()),
                    wrap(Buckets.class, real.s3()));
        }

        @SuppressWarnings("unchecked")
        <T> T wrap(Class<T> type, T real) {
            return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
                Object result;
                try {
                    result = method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                boolean creates = method.getName().startsWith("create") || method.getName().startsWith("enable");
                if (creates) {
                    names.add(type.getSimpleName() + "." + method.getName());
                    if (this.creates.incrementAndGet() == crashAt) {
                        throw new Crash(type.getSimpleName() + "." + method.getName());
                    }
                }
                return result;
            });
        }
    }

    @Test
    void aCrashAfterAnyCreateNeverLeavesADuplicate() {
        // A clean run tells how many create calls a stack takes; then crash after each of them in turn.
        CrashAfterCreate clean = new CrashAfterCreate(0);
        CloudFixture.untilReady(aws.awsStack(), clean.wrap(aws.services()), new TestCredentials());
        int creates = clean.creates.get();
        System.out.printf("crash-safety: a stack takes %d create calls: %s%n", creates, clean.names);
        assertThat(creates).isGreaterThanOrEqualTo(8);

        for (int crashAt = 1; crashAt <= creates; crashAt++) {
            Stack stack = aws.awsStack();
            TestCredentials credentials = new TestCredentials();
            CrashAfterCreate crashing = new CrashAfterCreate(crashAt);
            assertThatThrownBy(() -> CloudFixture.untilReady(stack, crashing.wrap(aws.services()), credentials))
                    .isInstanceOf(Crash.class);
            String crashedAfter = crashing.names.get(crashAt - 1);

            // Restart: a fresh operator, the same PanStack object as stored (no status), the same Secret.
            CloudState state = CloudFixture.untilReady(stack, aws.services(), credentials);

            assertExactlyOneOfEach(stack, state, crashedAfter);
            assertThat(credentials.generated).as("password generated once, crash after " + crashedAfter).isEqualTo(1);
        }
        System.out.printf("crash-safety: %d crash points replayed, each left exactly 1 RDS instance, 1 file system,"
                + " 1 access point, %d mount targets, 1 bucket%n", creates, aws.network.subnetIds().size());
    }

    private void assertExactlyOneOfEach(Stack stack, CloudState state, String crashedAfter) {
        String uid = stack.resource().getMetadata().getUid();
        List<DBInstance> instances = aws.rds.describeDBInstancesPaginator().dbInstances().stream()
                .filter(db -> uid.equals(CloudFixture.tags(db.tagList()).get(AwsTags.UID))).toList();
        assertThat(instances).as("RDS instances after a crash after " + crashedAfter).hasSize(1);
        assertThat(aws.efs.describeFileSystemsPaginator().fileSystems().stream()
                .filter(fs -> fs.tags().stream().anyMatch(t -> t.key().equals(AwsTags.UID) && t.value().equals(uid))))
                .as("file systems after a crash after " + crashedAfter).hasSize(1);
        assertThat(aws.efs.describeAccessPoints(r -> r.fileSystemId(state.files().fileSystemId())).accessPoints())
                .as("access points after a crash after " + crashedAfter).hasSize(1);
        assertThat(aws.efs.describeMountTargets(r -> r.fileSystemId(state.files().fileSystemId())).mountTargets())
                .as("mount targets after a crash after " + crashedAfter).hasSize(aws.network.subnetIds().size());
        assertThat(aws.s3.listBuckets().buckets().stream().filter(b -> b.name().equals(AwsNames.bucket(stack))))
                .as("buckets after a crash after " + crashedAfter).hasSize(1);
    }
}
