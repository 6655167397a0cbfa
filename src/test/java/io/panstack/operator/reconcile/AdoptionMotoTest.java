package io.panstack.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.panstack.operator.api.v1alpha1.SecretReference;
import io.panstack.operator.cloud.CloudProblem;
import io.panstack.operator.cloud.CloudState;
import io.panstack.operator.reconcile.CloudFixture.TestCredentials;
import io.panstack.operator.stack.AwsTags;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.Parameter;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Adopting what the vendor's Terraform made changes nothing the user did not write: the instance, bucket and file
 * system keep their settings, what falls short of the operator's choice is reported, and an instance Pi cannot work
 * with stalls the stack before the dashboard starts against it.
 */
@Tag(Tiers.MOTO)
class AdoptionMotoTest {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.shared();
    /**
     * A region of its own for each test: moto 5.1 answers DescribeDBParameters with the parameters of the first group
     * made in the region, whichever is asked for, so the vendor's group must be the first there.
     */
    static final List<String> REGIONS = List.of("ap-northeast-1", "ap-northeast-2", "ap-south-1", "ca-central-1",
            "sa-east-1", "us-west-1", "us-west-2", "ap-southeast-1");
    static int regions;
    static int next;
    CloudFixture aws;

    @BeforeEach
    void regionOfItsOwn() {
        aws = new CloudFixture(MOTO, REGIONS.get(regions++));
    }

    /** An instance as the vendor's Terraform makes it: small, single-AZ, 3 days of backups, unprotected. */
    String vendorsInstance(Map<String, String> parameters) {
        String id = "pi-terraform-" + (++next);
        aws.rds.createDBParameterGroup(r -> r.dbParameterGroupName(id).dbParameterGroupFamily("mariadb10.11")
                .description("the vendor's"));
        aws.rds.modifyDBParameterGroup(r -> r.dbParameterGroupName(id).parameters(parameters.entrySet().stream()
                .map(p -> Parameter.builder().parameterName(p.getKey()).parameterValue(p.getValue())
                        .applyMethod(ApplyMethod.PENDING_REBOOT).build()).toList()));
        aws.rds.createDBSubnetGroup(r -> r.dbSubnetGroupName(id).dbSubnetGroupDescription("the vendor's")
                .subnetIds(aws.network.subnetIds()));
        aws.rds.createDBInstance(r -> r.dbInstanceIdentifier(id).engine("mariadb").engineVersion("10.11.6")
                .dbInstanceClass("db.t3.small").allocatedStorage(20).multiAZ(false).backupRetentionPeriod(3)
                .deletionProtection(false).storageEncrypted(false).masterUsername("admin").masterUserPassword("vendor-pass-1")
                .dbParameterGroupName(id).dbSubnetGroupName(id));
        return id;
    }

    static final Map<String, String> PI_PARAMETERS = Map.of("lower_case_table_names", "1",
            "sql_mode", "NO_AUTO_VALUE_ON_ZERO", "log_bin_trust_function_creators", "1");

    Stack adopting(String id) {
        Stack stack = aws.awsStack();
        stack.spec().getDatabase().getRds().setIdentifier(id);
        stack.spec().getDatabase().getRds().setCredentialsSecretRef(new SecretReference("vendor-login"));
        return stack;
    }

    DBInstance instance(String id) {
        return aws.rds.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances().get(0);
    }

    @Test
    void theVendorsInstanceIsObservedAndReportedNotResized() {
        String id = vendorsInstance(PI_PARAMETERS);

        CloudState state = CloudFixture.untilReady(adopting(id), aws.services(), new TestCredentials());

        DBInstance db = instance(id);
        assertThat(db.dbInstanceClass()).isEqualTo("db.t3.small");
        assertThat(db.multiAZ()).isFalse();
        assertThat(db.backupRetentionPeriod()).isEqualTo(3);
        assertThat(db.deletionProtection()).isFalse();
        assertThat(state.database().state().drift()).anySatisfy(l -> assertThat(l).startsWith("multiAZ is off"))
                .anySatisfy(l -> assertThat(l).startsWith("backupRetentionDays is 3"))
                .anySatisfy(l -> assertThat(l).startsWith("deletionProtection is off"))
                .anySatisfy(l -> assertThat(l).startsWith("storage is not encrypted"))
                .anySatisfy(l -> assertThat(l).contains("character_set_server is unset"));
    }

    @Test
    void whatTheUserWritesIsEnforcedOnAnAdoptedInstance() {
        String id = vendorsInstance(PI_PARAMETERS);
        Stack stack = adopting(id);
        stack.spec().getDatabase().getRds().setDeletionProtection(true);

        CloudState state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());

        assertThat(instance(id).deletionProtection()).isTrue();
        assertThat(instance(id).multiAZ()).as("not written: left as it is").isFalse();
        assertThat(state.database().state().drift()).noneMatch(l -> l.startsWith("deletionProtection"));
        aws.rds.modifyDBInstance(r -> r.dbInstanceIdentifier(id).deletionProtection(false).applyImmediately(true));
    }

    @Test
    void anInstanceWhoseParametersPiCannotWorkWithStallsAndIsLeftAlone() {
        String id = vendorsInstance(Map.of("lower_case_table_names", "1", "sql_mode", "NO_AUTO_VALUE_ON_ZERO"));

        assertThatThrownBy(() -> CloudResources.reconcile(adopting(id), aws.services(), new TestCredentials()))
                .isInstanceOf(CloudProblem.class)
                .satisfies(e -> {
                    assertThat(((CloudProblem) e).problem().reason()).isEqualTo("RdsParametersUnfitForPi");
                    assertThat(((CloudProblem) e).problem().message()).contains(id, "log_bin_trust_function_creators=1");
                });
        assertThat(CloudFixture.tags(instance(id).tagList())).doesNotContainKeys(AwsTags.MANAGED_BY, AwsTags.UID);
        assertThat(aws.rds.describeDBParameters(r -> r.dbParameterGroupName(id).source("user")).parameters())
                .as("the group is not the operator's to change").hasSize(2);
    }

    @Test
    void anAdoptedBucketKeepsItsSettingsAndTheShortfallIsReported() {
        String name = "vendor-bucket-" + (++next) + "-" + System.nanoTime();
        aws.s3.createBucket(r -> r.bucket(name).createBucketConfiguration(c -> c.locationConstraint(aws.region)));
        String id = vendorsInstance(PI_PARAMETERS);
        Stack stack = adopting(id);
        stack.spec().getBucket().setName(name);

        CloudState state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());

        assertThatThrownBy(() -> aws.s3.getPublicAccessBlock(r -> r.bucket(name))).isInstanceOf(S3Exception.class);
        assertThat(aws.s3.getBucketVersioning(r -> r.bucket(name)).status()).isNull();
        assertThat(state.bucket().state().drift()).anySatisfy(l -> assertThat(l).startsWith("public access is not blocked"))
                .anySatisfy(l -> assertThat(l).startsWith("versioning is off"));

        stack.spec().getBucket().setVersioning(true);
        CloudState written = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());

        assertThat(aws.s3.getBucketVersioning(r -> r.bucket(name)).statusAsString()).isEqualTo("Enabled");
        assertThat(written.bucket().state().drift()).noneMatch(l -> l.startsWith("versioning"));
    }

    @Test
    void aBucketTheOperatorMadeUnderAGivenNameIsKeptInShape() {
        String name = "named-by-spec-" + (++next) + "-" + System.nanoTime();
        Stack stack = aws.awsStack();
        stack.spec().getBucket().setName(name);
        TestCredentials credentials = new TestCredentials();
        CloudFixture.untilReady(stack, aws.services(), credentials);
        aws.s3.deletePublicAccessBlock(r -> r.bucket(name)); // someone opens it up

        CloudState state = CloudFixture.untilReady(stack, aws.services(), credentials);

        assertThat(aws.s3.getPublicAccessBlock(r -> r.bucket(name)).publicAccessBlockConfiguration().blockPublicAcls())
                .as("made by the operator: blocked again, not merely reported").isTrue();
        assertThat(state.bucket().state().drift()).isEmpty();
    }

    @Test
    void anAdoptedFileSystemGetsNoBackupPolicyItDidNotHave() {
        String fileSystemId = aws.efs.createFileSystem(r -> r.creationToken("vendor-fs-" + (++next)).encrypted(true))
                .fileSystemId();
        String id = vendorsInstance(PI_PARAMETERS);
        Stack stack = adopting(id);
        stack.spec().getFiles().getEfs().setFileSystemId(fileSystemId);

        CloudState state = CloudFixture.untilReady(stack, aws.services(), new TestCredentials());

        assertThat(aws.backups.automaticBackupsEnabled(fileSystemId)).isFalse();
        assertThat(state.files().state().drift()).singleElement().asString().startsWith("automatic backups");
        List<String> owned = CloudFixture.untilReady(aws.awsStack(), aws.services(), new TestCredentials()).files()
                .state().drift();
        assertThat(owned).as("a file system the operator made gets its backups, and no report").isEmpty();
    }
}
