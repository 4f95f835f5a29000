package org.consentgateway.value;

/** Sex as encoded in a resident ID number: the 17th digit is odd for men, even for women (GB 11643-1999 §5.4). */
public enum Sex {
  MALE,
  FEMALE
}
