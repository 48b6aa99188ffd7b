/** The record of processing (Art. 30) as JSON and as a page in German and English. */
package dev.formgate.erasure.registry.web;
