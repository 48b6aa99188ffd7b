/** HTTP concerns every feature shares: client address, body limits, language, problem details and error pages. */
package dev.formgate.newsletter.web;
