package dev.formgate.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's error controller, whose JSON echoes the request's path and whose page is the white-label one:
 * whatever reaches the error path ({@code sendError}, an error Spring MVC did not handle) is answered with the
 * catalogued problem for its status.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

	@RequestMapping
	Object error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		// Asked for directly, the error path is an address like any other with nothing at it.
		int status = code instanceof Integer number && number >= 400 ? number : 404;
		return Problems.render(Problem.forStatus(status), new HttpHeaders(), request);
	}
}
