package io.panstack.operator.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.panstack.operator.api.v1alpha1.FilesAccessMode;
import io.panstack.operator.api.v1alpha1.FilesStatus;
import io.panstack.operator.api.v1alpha1.PanStack;
import io.panstack.operator.api.v1alpha1.PanStackStatus;
import io.panstack.operator.files.SeedProgress.Stage;
import io.panstack.operator.stack.Stack;
import io.panstack.operator.status.Readiness;
import io.panstack.operator.testsupport.TestStacks;
import io.panstack.operator.testsupport.Tiers;

/** Where seeding the files volume from the bucket stands, and what status says about it. */
@Tag(Tiers.UNIT)
class SeedProgressTest {
    static final String BUCKET = "panstack-analytics-bi-0a1b2c3d";
    static final String SPEC = """
            version: '2025_10.1'
            bucket: {}
            files:
              seedFromBucket:
                prefixes: [themes, images]
            """;
    static final String VOLUME_MESSAGE = "PersistentVolumeClaim bi-files is bound (5Gi)";

    @Test
    void notAskedForAndNeverDoneSaysNothing() {
        SeedProgress progress = SeedProgress.of(TestStacks.minimal(), Optional.empty());

        assertThat(progress.stage()).isEqualTo(Stage.NOT_WANTED);
        Readiness<FilesStatus> files = progress.applyTo(volumeReady());
        assertThat(files.message()).isEqualTo(VOLUME_MESSAGE);
        assertThat(files.where().getSeededAt()).isNull();
        assertThat(files.where().getSeededFrom()).isNull();
    }

    @Test
    void askedForWithoutAJobIsPending() {
        SeedProgress progress = SeedProgress.of(TestStacks.withSpec(SPEC), Optional.empty());

        assertThat(progress.stage()).isEqualTo(Stage.PENDING);
        assertThat(progress.applyTo(volumeReady()).message()).isEqualTo(VOLUME_MESSAGE);
    }

    @Test
    void aRunningJobIsMentionedButTheFilesStayReady() {
        Stack stack = TestStacks.withSpec(SPEC);

        Readiness<FilesStatus> files = SeedProgress.of(stack, Optional.of(job(stack))).applyTo(volumeReady());

        assertThat(files.ready()).isTrue();
        assertThat(files.reason()).isEqualTo("VolumeClaimCreated");
        assertThat(files.message()).isEqualTo(VOLUME_MESSAGE + ". Seeding from s3://" + BUCKET
                + "/{themes,images} runs in Job bi-seed-files");
        assertThat(files.where().getSeededAt()).isNull();
    }

    @Test
    void aSucceededJobIsRecordedWithItsCompletionTime() {
        Stack stack = TestStacks.withSpec(SPEC);
        Job job = withStatus(job(stack), new JobStatusBuilder().withSucceeded(1)
                .withCompletionTime("2026-01-02T03:04:05Z").build());

        SeedProgress progress = SeedProgress.of(stack, Optional.of(job));
        Readiness<FilesStatus> files = progress.applyTo(volumeReady());

        assertThat(progress.stage()).isEqualTo(Stage.SUCCEEDED);
        assertThat(files.where().getSeededAt()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(files.where().getSeededFrom()).isEqualTo("s3://" + BUCKET + "/{themes,images}");
        assertThat(files.message()).isEqualTo(VOLUME_MESSAGE);
    }

    @Test
    void oneFolderIsNamedWithoutBraces() {
        Stack stack = TestStacks.withSpec(SPEC.replace("[themes, images]", "[keys]"));

        assertThat(SeedProgress.from(job(stack))).isEqualTo("s3://" + BUCKET + "/keys");
    }

    /** What seeded the volume is a fact: a later spec change or a deleted Job does not unsay it. */
    @Test
    void aRecordedSeedingIsKeptWhateverHappensToTheSpecOrTheJob() {
        Stack stack = withPrevious(TestStacks.withSpec(SPEC.replace("[themes, images]", "[svg]")),
                "2026-01-02T03:04:05Z", "s3://" + BUCKET + "/{themes,images}");

        SeedProgress progress = SeedProgress.of(stack, Optional.empty());
        Readiness<FilesStatus> files = progress.applyTo(volumeReady());

        assertThat(progress.stage()).isEqualTo(Stage.DONE);
        assertThat(files.where().getSeededAt()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(files.where().getSeededFrom()).isEqualTo("s3://" + BUCKET + "/{themes,images}");
    }

    @Test
    void aRecordedSeedingIsKeptWhenSeedingIsNoLongerAskedFor() {
        Stack stack = withPrevious(TestStacks.minimal(), "2026-01-02T03:04:05Z", "s3://b/themes");

        assertThat(SeedProgress.of(stack, Optional.empty()).applyTo(volumeReady()).where().getSeededAt())
                .isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void aJobThatUsedUpItsRetriesHasFailedAndTheFilesStayReady() {
        Stack stack = TestStacks.withSpec(SPEC);
        Job job = withStatus(job(stack), new JobStatusBuilder().withFailed(3).build());

        SeedProgress progress = SeedProgress.of(stack, Optional.of(job));
        Readiness<FilesStatus> files = progress.applyTo(volumeReady());

        assertThat(progress.stage()).isEqualTo(Stage.FAILED);
        assertThat(files.ready()).isTrue();
        assertThat(files.message()).startsWith(VOLUME_MESSAGE + ". Seeding from s3://" + BUCKET + "/{themes,images} failed")
                .contains("kubectl logs job/bi-seed-files").contains("delete the Job to try again");
        assertThat(files.where().getSeededAt()).isNull();
    }

    @Test
    void aFailedConditionMeansFailed() {
        Stack stack = TestStacks.withSpec(SPEC);
        Job job = withStatus(job(stack), new JobStatusBuilder().withFailed(1).addNewCondition().withType("Failed")
                .withStatus("True").withReason("BackoffLimitExceeded").endCondition().build());

        assertThat(SeedProgress.of(stack, Optional.of(job)).stage()).isEqualTo(Stage.FAILED);
    }

    @Test
    void aJobWithRetriesLeftIsStillRunning() {
        Stack stack = TestStacks.withSpec(SPEC);
        Job job = withStatus(job(stack), new JobStatusBuilder().withFailed(2).withActive(1).build());

        assertThat(SeedProgress.of(stack, Optional.of(job)).stage()).isEqualTo(Stage.RUNNING);
    }

    /** With AWS not asked, FilesReady keeps the previous message: its seeding note is replaced, never repeated. */
    @Test
    void anOlderNoteInAKeptMessageIsReplaced() {
        Stack stack = TestStacks.withSpec(SPEC);
        Job failed = withStatus(job(stack), new JobStatusBuilder().withFailed(3).build());
        String running = SeedProgress.of(stack, Optional.of(job(stack))).applyTo(volumeReady()).message();

        String message = SeedProgress.of(stack, Optional.of(failed)).applyTo(volumeReady(running)).message();

        assertThat(message).startsWith(VOLUME_MESSAGE + ". Seeding from").contains("failed").doesNotContain("runs in Job");
        assertThat(message.split("Seeding from", -1)).hasSize(2);
    }

    @Test
    void aFailureIsReportedOnceStatusSaysIt() {
        Stack stack = TestStacks.withSpec(SPEC);
        SeedProgress failed = SeedProgress.of(stack,
                Optional.of(withStatus(job(stack), new JobStatusBuilder().withFailed(3).build())));
        Condition before = filesReady(VOLUME_MESSAGE);
        Condition after = filesReady(failed.applyTo(volumeReady()).message());

        assertThat(failed.failureReportedIn(List.of(before))).isFalse();
        assertThat(failed.failureReportedIn(List.of(after))).isTrue();
        assertThat(failed.failureReportedIn(null)).isFalse();
    }

    static Job job(Stack stack) {
        return BucketSeedJob.desired(stack, BUCKET, "eu-west-1");
    }

    static Job withStatus(Job job, io.fabric8.kubernetes.api.model.batch.v1.JobStatus status) {
        job.setStatus(status);
        return job;
    }

    static Readiness<FilesStatus> volumeReady() {
        return volumeReady(VOLUME_MESSAGE);
    }

    static Readiness<FilesStatus> volumeReady(String message) {
        return new Readiness<>(true, "VolumeClaimCreated", message,
                new FilesStatus("bi-files", FilesAccessMode.ReadWriteOnce, "5Gi"));
    }

    static Stack withPrevious(Stack stack, String seededAt, String seededFrom) {
        PanStack resource = stack.resource();
        PanStackStatus status = new PanStackStatus();
        FilesStatus files = new FilesStatus("bi-files", FilesAccessMode.ReadWriteOnce, "5Gi");
        files.setSeededAt(seededAt);
        files.setSeededFrom(seededFrom);
        status.setFiles(files);
        resource.setStatus(status);
        return Stack.of(resource);
    }

    static Condition filesReady(String message) {
        return new ConditionBuilder().withType("FilesReady").withStatus("True").withReason("VolumeClaimCreated")
                .withMessage(message).build();
    }
}
