package io.panstack.operator.crd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.panstack.operator.api.v1alpha1.PanStack;

/**
 * The PanStack CRD (and the PanStackBackup one) generated from the code under test, the way the build generates crds/ (same generator, same
 * post-processor). Tests use it rather than crds/ so they never depend on whether the build has run yet;
 * {@link CommittedCrdTest} then checks that crds/ holds exactly this.
 */
public final class GeneratedCrd {
    public static final Path COMMITTED = Path.of("crds", "panstacks.panstack.io-v1.yml");
    public static final Path COMMITTED_BACKUP = Path.of("crds", "panstackbackups.panstack.io-v1.yml");
    public static final Path COMMITTED_RESTORE = Path.of("crds", "panstackrestores.panstack.io-v1.yml");
    private static Path generated;

    private GeneratedCrd() {
    }

    public static synchronized Path path() {
        if (generated == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "generated-crd"));
                new CRDGenerator().withPostProcessor(new io.panstack.operator.crd.CrdFinish())
                        .forCRDVersions("v1").inOutputDir(dir.toFile())
                        .customResourceClasses(PanStack.class, io.panstack.operator.api.v1alpha1.PanStackBackup.class,
                                io.panstack.operator.api.v1alpha1.PanStackRestore.class)
                        .detailedGenerate();
                generated = dir.resolve(COMMITTED.getFileName());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return generated;
    }

    /** The PanStackBackup CRD, generated beside the PanStack one. */
    public static Path backupPath() {
        return path().resolveSibling(COMMITTED_BACKUP.getFileName());
    }

    /** The PanStackRestore CRD. */
    public static Path restorePath() {
        return path().resolveSibling(COMMITTED_RESTORE.getFileName());
    }
}
