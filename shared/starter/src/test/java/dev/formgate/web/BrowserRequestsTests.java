package dev.formgate.web;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserRequestsTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", value = {
			"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | true",
			"application/json                                               | false",
			"application/problem+json, text/html;q=0.5                      | false",
			"text/html;q=0.9, application/json;q=0.9                        | true",
			"*/*                                                            | false",
			"-                                                              | false",
			"not a media type;;                                             | false" })
	void browsersAreThoseThatPreferHtml(String accept, boolean browser) {
		var request = new MockHttpServletRequest();
		if (accept != null) {
			request.addHeader("Accept", accept);
		}
		assertThat(BrowserRequests.wantsHtml(request)).isEqualTo(browser);
	}
}
