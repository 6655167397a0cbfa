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
            System.out.printf("%d classes of a start loaded and linked for the class archive%n",
                    ClassArchiveTraining.run(OperatorMain.class.getClassLoader()));
            System.exit(0); // dumps the archive (-XX:ArchiveClassesAtExit)
        }
        StartWarmUp.inBackground();
        Quarkus.run(args);
    }
}
