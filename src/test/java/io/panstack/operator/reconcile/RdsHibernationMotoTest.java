package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.api.v1alpha1.HibernationStatus.State;
import io.panstack.operator.api.v1alpha1.SecretReference;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.Sleep;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.Tiers;

/**
 * A hibernating RDS stack against moto: its instance stopped while it sleeps (and again after AWS starts it by itself
 * on the seventh day), started when it wakes; an adopted instance is never stopped.
 */
@Tag(Tiers.MOTO)
class RdsHibernationMotoTest extends MotoCloudTest {
    static final Sleep ASLEEP = new Sleep(State.Asleep, null);
    static final Sleep WAKING = new Sleep(State.Waking, null);
    private final TestCredentials credentials = new TestCredentials();

    private String status(String id) {
        return aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0).dbInstanceStatus();
    }

    @Test
    void theInstanceSleepsWithTheStackIsStoppedAgainAfterAwsRestartsItAndStartsOnWaking() {
        Stack stack = aws.awsStack();
        AwsServices services = aws.services();
        CloudFixture.untilReady(stack, services, credentials);
        String id = AwsNames.rdsIdentifier(stack);

        CloudState asleep = CloudResources.reconcile(stack.withSleep(ASLEEP), services, credentials);
        assertThat(asleep.database().awsStatus()).isEqualTo("stopping");
        assertThat(status(id)).isEqualTo("stopped");
        CloudState resting = CloudResources.reconcile(stack.withSleep(ASLEEP), services, credentials);
        assertThat(resting.database().state().reason()).isEqualTo("RdsStopped");
        assertThat(resting.settling()).as("a stopped instance of a sleeping stack is polled at the slow pace").isFalse();
        assertThat(resting.database().state().ready()).isFalse();

        aws.rds.startDBInstance(r -> r.dbInstanceIdentifier(id)); // what AWS does on the seventh day
        CloudResources.reconcile(stack.withSleep(ASLEEP), services, credentials);
        assertThat(status(id)).as("stopped again").isEqualTo("stopped");

        CloudState waking = CloudResources.reconcile(stack.withSleep(WAKING), services, credentials);
        assertThat(waking.database().awsStatus()).isEqualTo("starting");
        assertThat(status(id)).isEqualTo("available");
        assertThat(CloudResources.reconcile(stack.withSleep(WAKING), services, credentials).database().state().ready())
                .isTrue();
    }

    @Test
    void anAdoptedInstanceIsNeverStopped() {
        Stack owner = aws.awsStack();
        CloudFixture.untilReady(owner, aws.services(), credentials);
        String id = AwsNames.rdsIdentifier(owner);
        Stack adopting = aws.stack(owner.namespace(), "other", java.util.UUID.randomUUID().toString(), "Retain");
        adopting.spec().getDatabase().getRds().setIdentifier(id);
        adopting.spec().getDatabase().getRds().setCredentialsSecretRef(new SecretReference("kept-login"));
        CloudResourcesMotoTest.releaseUntilDone(owner, aws.services()); // Retain: untagged, kept

        CloudFixture.untilReady(adopting, aws.services(), new TestCredentials());
        CloudResources.reconcile(adopting.withSleep(ASLEEP), aws.services(), new TestCredentials());

        assertThat(status(id)).isEqualTo("available");
    }

    @Test
    void aStackDeletedWhileAsleepStartsItsProtectedInstanceToLiftTheProtectionThenDeletesIt() {
        Stack stack = aws.stack("aws-sleep-delete-" + System.nanoTime(), java.util.UUID.randomUUID().toString(), "Delete");
        AwsServices services = aws.services();
        CloudFixture.untilReady(stack, services, credentials);
        String id = AwsNames.rdsIdentifier(stack);
        CloudResources.reconcile(stack.withSleep(ASLEEP), services, credentials);
        assertThat(status(id)).isEqualTo("stopped");

        CloudResourcesMotoTest.releaseUntilDone(stack.withSleep(ASLEEP), services);

        assertThat(aws.rds.describeDBInstances().dbInstances()).noneMatch(i -> i.dbInstanceIdentifier().equals(id));
    }
}
