/** What every service is bootstrapped with: the shared secrets, the clock, subjectRefs and the transport seal. */
package dev.formgate.service;
