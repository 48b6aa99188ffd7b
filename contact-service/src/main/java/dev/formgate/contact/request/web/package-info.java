/** The public contact form API: JSON and plain form posts, one answer for every accepted request. */
package dev.formgate.contact.request.web;
