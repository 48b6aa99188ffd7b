package dev.formgate.infra;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** After every other end-to-end test has run on the shared stack: its logs hold no personal data. */
@Order(Integer.MAX_VALUE)
class LogsIntegrationTests {

	@Test
	void logsOfTheWholeEndToEndRunHoldNoAddressAndNoFullClientIp() {
		LogAudit.assertNoPersonalData(SharedStack.get());
	}
}
