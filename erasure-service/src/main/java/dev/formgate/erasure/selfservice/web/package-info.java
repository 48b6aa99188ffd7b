/** The "Meine Daten" form's intake and the pages its mailed link opens: confirm, status, export. */
package dev.formgate.erasure.selfservice.web;
