package dev.formgate.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own refusals (an invalid request line or URI, {@code %00}, headers too large) are answered with the
 * catalogued problem for their status instead of Tomcat's HTML report, which names the server and may quote what
 * was sent. Installed in place of Tomcat's error report valve on the host.
 */
public class ProblemReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			SecurityHeaders.write(response);
			response.setContentType(Problems.contentType(request));
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(Problems.body(request, Problem.forStatus(status)));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException e) {
			// the client is gone or the response is committed; there is nothing more to say
		}
	}
}
