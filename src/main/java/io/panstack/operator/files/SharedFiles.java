package io.panstack.operator.files;

import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.panstack.operator.kube.SecurityContexts;
import io.panstack.operator.stack.Component;
import io.panstack.operator.stack.PiPaths;
import io.panstack.operator.stack.Stack;

/** The shared files volume as the Pi containers see it: one claim, one sub-folder per vendor folder. */
public final class SharedFiles {
    static final String VOLUME = "files";
    static final String SEED_CONTAINER = "seed-files";
    private static final String SEED_MOUNT = "/panstack-files";
    static final String SEED_MARKER = ".panstack-seeding";

    private SharedFiles() {
    }

    public static Volume volume(Stack stack) {
        return new VolumeBuilder().withName(VOLUME)
                .withNewPersistentVolumeClaim(stack.names().filesVolume(), false).build();
    }

    public static List<VolumeMount> mounts(Component component) {
        return component.fileMounts().stream()
                .map(mount -> new VolumeMountBuilder().withName(VOLUME).withMountPath(mount.mountPath())
                        .withSubPath(mount.folder()).build())
                .toList();
    }

    /**
     * A volume mounted over a folder hides what the image has there. Docker fills an empty named volume from the
     * image; Kubernetes does not, and the vendor's ECS recipe runs a Lambda for it. This init container does the
     * same from the dashboard image itself: it copies a folder only while the volume's copy is empty, so it never
     * overwrites the user's files. A marker file stays in a folder until its copy is complete: a copy cut short
     * (volume full, pod killed) fails the init container and is redone on the next start. The marker is the only
     * file the script ever removes.
     */
    public static Container seedFromImage(Stack stack, String image) {
        String script = "set -eu\n"
                + "for dir in " + String.join(" ", PiPaths.VOLUME_FOLDERS) + "; do mkdir -p \"" + SEED_MOUNT + "/$dir\"; done\n"
                + "for dir in " + String.join(" ", PiPaths.RESOURCE_FOLDERS) + "; do\n"
                + "  src=\"" + PiPaths.RESOURCES + "/$dir\"\n"
                + "  dst=\"" + SEED_MOUNT + "/$dir\"\n"
                + "  marker=\"$dst/" + SEED_MARKER + "\"\n"
                + "  if [ -d \"$src\" ] && { [ -e \"$marker\" ] || [ -z \"$(ls -A \"$dst\")\" ]; }; then\n"
                + "    touch \"$marker\"\n"
                + "    cp -R \"$src/.\" \"$dst/\"\n"
                + "    rm -f \"$marker\"\n"
                + "    echo \"seeded $dir from the image\"\n"
                + "  fi\n"
                + "done\n";
        return new ContainerBuilder().withName(SEED_CONTAINER).withImage(image)
                .withCommand("sh", "-c", script)
                .withVolumeMounts(new VolumeMountBuilder().withName(VOLUME).withMountPath(SEED_MOUNT).build())
                .withNewResources()
                .addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("64Mi"))
                .addToLimits("memory", new Quantity("256Mi"))
                .endResources()
                .withSecurityContext(SecurityContexts.piContainer())
                .build();
    }
}
