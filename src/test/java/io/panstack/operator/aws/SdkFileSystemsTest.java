package io.panstack.operator.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.panstack.operator.aws.efs.FileSystems.AccessPoint;
import io.panstack.operator.aws.efs.FileSystems.FileSystem;
import io.panstack.operator.aws.efs.FileSystems.MountTarget;
import io.panstack.operator.aws.efs.SdkFileSystemBackups;
import io.panstack.operator.aws.efs.SdkFileSystems;
import io.panstack.operator.testsupport.FakeFileSystemBackups;
import io.panstack.operator.testsupport.MotoNetwork;
import io.panstack.operator.testsupport.MotoServer;
import io.panstack.operator.testsupport.Tiers;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;

/** SdkFileSystems and SdkFileSystemBackups against moto's EFS. */
@Tag(Tiers.MOTO)
class SdkFileSystemsTest {

    @RegisterExtension
    static final MotoServer MOTO = MotoServer.shared();

    private static EfsClient efs;
    private static MotoNetwork network;
    private static SdkFileSystems fileSystems;

    @BeforeAll
    static void connect() {
        efs = MOTO.client(EfsClient.builder());
        fileSystems = new SdkFileSystems(efs);
        network = MotoNetwork.create(MOTO);
    }

    @AfterAll
    static void disconnect() {
        efs.close();
    }

    static String token() {
        return "analytics-bi-" + UUID.randomUUID();
    }

    @Test
    void createdFileSystemIsEncryptedTaggedAndFoundByTokenAndId() {
        String token = token();
        assertThat(fileSystems.findByCreationToken(token)).isEmpty();

        FileSystem created = fileSystems.create(token, Map.of("panstack.io/stack", "analytics/bi"));

        assertThat(created.id()).startsWith("fs-");
        assertThat(created.arn()).endsWith(":file-system/" + created.id());
        assertThat(created.creationToken()).isEqualTo(token);
        assertThat(created.encrypted()).isTrue();
        assertThat(created.mountTargets()).isZero();
        assertThat(created.tags()).containsEntry("panstack.io/stack", "analytics/bi");
        assertThat(fileSystems.findByCreationToken(token)).contains(
                new FileSystem(created.id(), created.arn(), token, "available", true, 0, created.tags()));
        assertThat(fileSystems.findById(created.id())).map(FileSystem::creationToken).contains(token);

        FileSystemDescription raw = efs.describeFileSystems(r -> r.fileSystemId(created.id())).fileSystems().get(0);
        assertThat(raw.performanceModeAsString()).isEqualTo("generalPurpose");
        assertThat(raw.throughputModeAsString()).isEqualTo("bursting");
        // CreateFileSystem's Backup=true switches the backup policy on, and moto shows it.
        assertThat(new SdkFileSystemBackups(efs, MOTO.client(software.amazon.awssdk.services.backup.BackupClient.builder())).automaticBackupsEnabled(created.id())).isTrue();
    }

    @Test
    void missingFileSystemIsEmpty() {
        assertThat(fileSystems.findById("fs-0000000f")).isEmpty();
    }

    @Test
    void repeatedTokenFailsWithAlreadyExists() {
        String token = token();
        fileSystems.create(token, Map.of());

        assertThatThrownBy(() -> fileSystems.create(token, Map.of()))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FileSystemAlreadyExists"));
    }

    @Test
    void oneMountTargetPerSubnetAndNoDeleteUntilTheyAreGone() {
        FileSystem fs = fileSystems.create(token(), Map.of());

        for (String subnet : network.subnetIds()) {
            fileSystems.createMountTarget(fs.id(), subnet, List.of(network.securityGroupId()));
        }

        List<MountTarget> targets = fileSystems.mountTargets(fs.id());
        assertThat(targets).extracting(MountTarget::subnetId)
                .containsExactlyInAnyOrderElementsOf(network.subnetIds());
        assertThat(targets).extracting(MountTarget::lifeCycleState).containsOnly("available");
        assertThat(fileSystems.findById(fs.id()).orElseThrow().mountTargets()).isEqualTo(2);
        assertThatThrownBy(() -> fileSystems.delete(fs.id()))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("FileSystemInUse"));

        targets.forEach(t -> fileSystems.deleteMountTarget(t.id()));
        assertThat(fileSystems.mountTargets(fs.id())).isEmpty();
        fileSystems.delete(fs.id());
        assertThat(fileSystems.findById(fs.id())).isEmpty();
    }

    @Test
    void mountTargetInAnUnknownSubnetIsRejected() {
        FileSystem fs = fileSystems.create(token(), Map.of());

        assertThatThrownBy(() -> fileSystems.createMountTarget(fs.id(), "subnet-0123456789abcdef0", List.of()))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SubnetNotFound");
                    assertThat(AwsErrors.classify(e)).isEqualTo(AwsErrors.Kind.TERMINAL);
                });
    }

    @Test
    void accessPointIsRootedAtItsPathOwnedByRootWithMode777() {
        FileSystem fs = fileSystems.create(token(), Map.of());
        String clientToken = "analytics-bi-themes";

        AccessPoint created = fileSystems.createAccessPoint(fs.id(), clientToken, "/analytics/bi/themes",
                Map.of("panstack.io/volume", "themes"));

        assertThat(created.id()).startsWith("fsap-");
        assertThat(created.path()).isEqualTo("/analytics/bi/themes");
        assertThat(created.tags()).containsEntry("panstack.io/volume", "themes");
        assertThat(fileSystems.accessPoints(fs.id())).containsExactly(created);
        AccessPointDescription raw = efs.describeAccessPoints(r -> r.accessPointId(created.id())).accessPoints()
                .get(0);
        assertThat(raw.clientToken()).isEqualTo(clientToken);
        assertThat(raw.rootDirectory().creationInfo().ownerUid()).isZero();
        assertThat(raw.rootDirectory().creationInfo().ownerGid()).isZero();
        assertThat(raw.rootDirectory().creationInfo().permissions()).isEqualTo("777");

        fileSystems.deleteAccessPoint(created.id());
        assertThat(fileSystems.accessPoints(fs.id())).isEmpty();
    }

    @Test
    void tagsAreAddedAndRemoved() {
        FileSystem fs = fileSystems.create(token(), Map.of("old", "1"));

        fileSystems.tagging().add(fs.id(), Map.of("owner", "bi-team"));
        fileSystems.tagging().remove(fs.id(), Set.of("old"));

        assertThat(fileSystems.findById(fs.id()).orElseThrow().tags()).isEqualTo(Map.of("owner", "bi-team"));
    }

    @Test
    void fileSystemWithoutBackupPolicyHasNoAutomaticBackups() {
        String id = efs.createFileSystem(r -> r.creationToken(token())).fileSystemId();

        assertThat(new SdkFileSystemBackups(efs, MOTO.client(software.amazon.awssdk.services.backup.BackupClient.builder())).automaticBackupsEnabled(id)).isFalse();
    }

    /** moto 5.1.1 answers PutBackupPolicy with a 500, so check the request itself. */
    @Test
    void enablingBackupsPutsAnEnabledPolicy() {
        List<String> requests = new ArrayList<>();
        SdkHttpClient recorder = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                String body = request.contentStreamProvider().map(p -> {
                    try {
                        return new String(p.newStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse("");
                requests.add(request.httpRequest().method() + " " + request.httpRequest().encodedPath() + " " + body);
                byte[] answer = "{\"BackupPolicy\":{\"Status\":\"ENABLING\"}}".getBytes(StandardCharsets.UTF_8);
                return new ExecutableHttpRequest() {
                    @Override
                    public HttpExecuteResponse call() {
                        return HttpExecuteResponse.builder()
                                .response(SdkHttpResponse.builder().statusCode(200)
                                        .putHeader("Content-Type", "application/json").build())
                                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer))).build();
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
        try (EfsClient client = EfsClient.builder().region(Region.EU_WEST_1).httpClient(recorder)
                .credentialsProvider(MotoServer.credentials()).build()) {
            SdkFileSystemBackups backups = new SdkFileSystemBackups(client, MOTO.client(software.amazon.awssdk.services.backup.BackupClient.builder()));

            backups.enableAutomaticBackups("fs-12345678");
            assertThat(backups.automaticBackupsEnabled("fs-12345678")).isTrue();
        }

        assertThat(requests.get(0)).isEqualTo(
                "PUT /2015-02-01/file-systems/fs-12345678/backup-policy {\"BackupPolicy\":{\"Status\":\"ENABLED\"}}");
        assertThat(requests.get(1)).startsWith("GET /2015-02-01/file-systems/fs-12345678/backup-policy");
    }

    @Test
    void fakeBackupsRememberWhatWasEnabled() {
        FakeFileSystemBackups fake = new FakeFileSystemBackups();
        assertThat(fake.automaticBackupsEnabled("fs-1")).isFalse();
        fake.enableAutomaticBackups("fs-1");
        assertThat(fake.automaticBackupsEnabled("fs-1")).isTrue();
        fake.disable("fs-1");
        assertThat(fake.automaticBackupsEnabled("fs-1")).isFalse();
    }
}
