package io.panstack.operator.start;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The operator's entry point: Quarkus, with the classes of its start loaded ahead on a second thread. */
@QuarkusMain
public final class OperatorMain {

    public static void main(String... args) {
        StartWarmUp.inBackground();
        Quarkus.run(args);
    }
}
