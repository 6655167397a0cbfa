package io.panstack.operator.reconcile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.panstack.operator.testsupport.MotoServer;

/** Base of the cloud tests that run against moto: one emulator for the run, one network per test class. */
abstract class MotoCloudTest {
    @RegisterExtension
    static final MotoServer MOTO = MotoServer.shared();
    static CloudFixture aws;

    @BeforeAll
    static void network() {
        aws = new CloudFixture(MOTO);
    }
}
