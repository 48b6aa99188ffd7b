/** What the gateway and the servlet services decide alike about a request: whether a browser wants a page. */
package dev.formgate.web;
