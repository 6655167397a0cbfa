package io.panstack.operator.start;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The operator's entry point: Quarkus, with the classes of its start loaded ahead on a second thread; or, for the
 * package build, the class archive's training run (ClassArchiveTraining).
 */
@QuarkusMain
public final class OperatorMain {

    public static void main(String... args) {
        if (ClassArchiveTraining.asked()) {
            if (ClassArchiveTraining.archiving()) {
                int linked = ClassArchiveTraining.run(OperatorMain.class.getClassLoader());
                System.out.printf("%d classes of a start loaded and linked for the class archive%n", linked);
                System.exit(linked == 0 ? 1 : 0); // 0: the JVM writes the archive (-XX:ArchiveClassesAtExit)
            }
            System.err.println(ClassArchiveTraining.SWITCH + " is set without -XX:ArchiveClassesAtExit: ignored,"
                    + " the operator starts");
        }
        StartWarmUp.inBackground();
        Quarkus.run(args);
    }
}
