package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.panstack.operator.aws.AwsErrors;
import io.panstack.operator.aws.AwsServices;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.AwsNames;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.FaultInjectingHttpClient.Fault;
import io.panstack.operator.testsupport.FaultInjectingHttpClient;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * AWS that throttles, fails with 5xx or drops connections for a share of the requests. The stack must still
 * converge, with exactly one of each resource, through the SDK's retries and the operator's own re-runs (a failed
 * pass is retried, as JOSDK's retry does), and the number of requests must stay bounded.
 */
@Tag(Tiers.MOTO)
class FaultInjectionTest extends MotoCloudTest {
    static final int MAX_PASSES = 60;

    record Run(int passes, int failedPasses, int requests, int injected, CloudState state) {
    }

    /** Passes until ready; a pass that fails with a retryable error is simply run again. */
    static Run converge(Stack stack, AwsServices services, FaultInjectingHttpClient http) {
        TestCredentials credentials = new TestCredentials();
        int failed = 0;
        for (int pass = 1; pass <= MAX_PASSES; pass++) {
            try {
                CloudState state = CloudResources.reconcile(stack, services, credentials);
                if (state.ready() && !state.settling()) {
                    return new Run(pass, failed, http.requests(), http.injected(), state);
                }
            } catch (RuntimeException e) {
                assertThat(AwsErrors.classify(e)).as("only retryable failures are injected: " + e).isEqualTo(AwsErrors.Kind.RETRYABLE);
                failed++;
            }
        }
        throw new AssertionError("did not converge in " + MAX_PASSES + " passes");
    }

    @Test
    void theStackConvergesThroughThrottlingErrorsAndDroppedConnections() {
        FaultInjectingHttpClient baselineHttp = new FaultInjectingHttpClient(UrlConnectionHttpClient.create());
        Run baseline = converge(aws.awsStack(), aws.services(baselineHttp), baselineHttp);
        System.out.printf("fault-injection: no faults: %d passes, %d requests%n", baseline.passes(), baseline.requests());

        for (double share : new double[] { 0.3, 0.6 }) {
        for (Fault fault : FaultInjectingHttpClient.TRANSIENT) {
            FaultInjectingHttpClient http = new FaultInjectingHttpClient(UrlConnectionHttpClient.create())
                    .failShare(share, 42, fault);
            Stack stack = aws.awsStack();
            Run run = converge(stack, aws.services(http), http);

            System.out.printf("fault-injection: %.0f%% %s: converged in %d passes (%d failed), %d requests of which %d"
                    + " injected (%.1fx the fault-free count)%n", share * 100, fault, run.passes(), run.failedPasses(),
                    run.requests(), run.injected(), run.requests() / (double) baseline.requests());
            assertThat(run.injected()).as("faults were injected").isGreaterThan(0);
            // Expected: 1/(1-share) requests per call; allow three times that for re-run passes.
            assertThat(run.requests()).as("requests stay bounded under " + fault)
                    .isLessThanOrEqualTo((int) (3 * baseline.requests() / (1 - share)));
            assertThat(run.state().database().identifier()).isEqualTo(AwsNames.rdsIdentifier(stack));
            String uid = stack.resource().getMetadata().getUid();
            assertThat(aws.rds.describeDBInstancesPaginator().dbInstances().stream()
                    .filter(db -> uid.equals(CloudFixture.tags(db.tagList()).get(AwsTags.UID)))).hasSize(1);
            assertThat(aws.efs.describeFileSystems(r -> r.creationToken(AwsNames.efsCreationToken(stack))).fileSystems()).hasSize(1);
        }
        }
    }

    @Test
    void aFullOutageFailsEveryPassButChangesNothingAndRecovers() {
        FaultInjectingHttpClient http = new FaultInjectingHttpClient(UrlConnectionHttpClient.create())
                .failAll(Fault.CONNECTION_RESET);
        Stack stack = aws.awsStack();
        AwsServices services = aws.services(http);
        TestCredentials credentials = new TestCredentials();
        for (int pass = 0; pass < 3; pass++) {
            try {
                CloudResources.reconcile(stack, services, credentials);
                throw new AssertionError("a pass succeeded with AWS unreachable");
            } catch (RuntimeException e) {
                assertThat(AwsErrors.classify(e)).isEqualTo(AwsErrors.Kind.RETRYABLE);
            }
        }
        int perPass = http.requests() / 3;
        System.out.printf("fault-injection: AWS unreachable: %d requests per failed pass (SDK attempts per call)%n", perPass);
        assertThat(perPass).as("one call's attempts, then the pass gives up").isEqualTo(4);
        assertThat(credentials.generated).as("nothing was prepared for a create that could not happen").isZero();

        http.passAll();
        assertThat(converge(stack, services, http).state().ready()).isTrue();
    }
}
