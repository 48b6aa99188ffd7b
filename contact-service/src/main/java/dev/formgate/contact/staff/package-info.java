/** The staff API: list, read, move through the workflow, annotate and put under legal hold. */
package dev.formgate.contact.staff;
