package org.consentgateway.policy;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import org.consentgateway.records.CreditAccount;
import org.consentgateway.records.PublicRecord;
import org.consentgateway.records.SubjectIdentity;

/**
 * Compiles a (field, action) rule into a {@link FieldWriter}: the masking function is chosen
 * here, once, so evaluating a plan is a loop over ready writers. The wire names and formats are
 * those of {@code CreditFileJson} (ISO dates, enum names, whole-yuan amounts). Each switch names
 * every field or action, with no {@code default}: one added later does not compile until it is
 * decided here, and never falls through to the raw value.
 */
final class FieldWriters {

  private FieldWriters() {}

  static FieldWriter<SubjectIdentity> subject(Field field, FieldAction action) {
    String key = field.key();
    boolean masked = masked(field, action);
    return switch (field) {
      case SUBJECT_NAME -> text(key, SubjectIdentity::name, masked ? Masking::name : same());
      case SUBJECT_ID_NUMBER ->
          text(key, subject -> masked ? Masking.idNumber(subject.idNumber()) : subject.idNumber().value(), same());
      case SUBJECT_PHONE ->
          optionalText(key, SubjectIdentity::phone, masked ? phone -> Optional.of(Masking.phone(phone)) : Optional::of);
      case SUBJECT_ADDRESS -> optionalText(key, SubjectIdentity::address, masked ? Masking::toCity : Optional::of);
      // Another section's fields: ProjectionPlan asks each section for its own only.
      case SUMMARY_HAS_RECORDS, SUMMARY_ACCOUNT_COUNT, SUMMARY_OPEN_ACCOUNT_COUNT, SUMMARY_OVERDUE_ACCOUNT_COUNT,
          SUMMARY_TOTAL_BALANCE, SUMMARY_TOTAL_CREDIT_LIMIT, SUMMARY_PUBLIC_RECORD_COUNT, ACCOUNT_ID, ACCOUNT_TYPE,
          ACCOUNT_LENDER, ACCOUNT_OPENED_ON, ACCOUNT_CLOSED_ON, ACCOUNT_CREDIT_LIMIT, ACCOUNT_BALANCE,
          ACCOUNT_OVERDUE_AMOUNT, ACCOUNT_STATUS, ACCOUNT_REPAYMENT24, ACCOUNT_NEGATIVE_ENDED_ON, PUBLIC_RECORD_ID,
          PUBLIC_RECORD_TYPE, PUBLIC_RECORD_AUTHORITY, PUBLIC_RECORD_AMOUNT, PUBLIC_RECORD_FILED_ON,
          PUBLIC_RECORD_ENDED_ON -> throw notIn(field, Section.SUBJECT);
    };
  }

  static FieldWriter<CreditSummary> summary(Field field, FieldAction action) {
    String key = field.key();
    boolean masked = masked(field, action);
    return switch (field) {
      case SUMMARY_HAS_RECORDS -> flag(key, CreditSummary::hasRecords);
      case SUMMARY_ACCOUNT_COUNT -> amount(key, CreditSummary::accountCount, masked);
      case SUMMARY_OPEN_ACCOUNT_COUNT -> amount(key, CreditSummary::openAccountCount, masked);
      case SUMMARY_OVERDUE_ACCOUNT_COUNT -> amount(key, CreditSummary::overdueAccountCount, masked);
      case SUMMARY_TOTAL_BALANCE -> amount(key, CreditSummary::totalBalance, masked);
      case SUMMARY_TOTAL_CREDIT_LIMIT -> amount(key, CreditSummary::totalCreditLimit, masked);
      case SUMMARY_PUBLIC_RECORD_COUNT -> amount(key, CreditSummary::publicRecordCount, masked);
      // Another section's fields: ProjectionPlan asks each section for its own only.
      case SUBJECT_NAME, SUBJECT_ID_NUMBER, SUBJECT_PHONE, SUBJECT_ADDRESS, ACCOUNT_ID, ACCOUNT_TYPE, ACCOUNT_LENDER,
          ACCOUNT_OPENED_ON, ACCOUNT_CLOSED_ON, ACCOUNT_CREDIT_LIMIT, ACCOUNT_BALANCE, ACCOUNT_OVERDUE_AMOUNT,
          ACCOUNT_STATUS, ACCOUNT_REPAYMENT24, ACCOUNT_NEGATIVE_ENDED_ON, PUBLIC_RECORD_ID, PUBLIC_RECORD_TYPE,
          PUBLIC_RECORD_AUTHORITY, PUBLIC_RECORD_AMOUNT, PUBLIC_RECORD_FILED_ON,
          PUBLIC_RECORD_ENDED_ON -> throw notIn(field, Section.SUMMARY);
    };
  }

  static FieldWriter<CreditAccount> account(Field field, FieldAction action) {
    String key = field.key();
    boolean masked = masked(field, action);
    return switch (field) {
      case ACCOUNT_ID -> text(key, account -> account.id().toString(), same());
      case ACCOUNT_TYPE -> text(key, account -> account.type().name(), same());
      case ACCOUNT_LENDER -> text(key, CreditAccount::lender, same());
      case ACCOUNT_OPENED_ON -> text(key, account -> account.openedOn().toString(), same());
      case ACCOUNT_CLOSED_ON -> optionalText(key, account -> account.closedOn().map(LocalDate::toString), Optional::of);
      case ACCOUNT_CREDIT_LIMIT -> amount(key, CreditAccount::creditLimit, masked);
      case ACCOUNT_BALANCE -> amount(key, CreditAccount::balance, masked);
      case ACCOUNT_OVERDUE_AMOUNT -> amount(key, CreditAccount::overdueAmount, masked);
      case ACCOUNT_STATUS -> text(key, account -> account.status().name(), same());
      case ACCOUNT_REPAYMENT24 -> text(key, CreditAccount::repayment24, same());
      case ACCOUNT_NEGATIVE_ENDED_ON ->
          optionalText(key, account -> account.negativeEndedOn().map(LocalDate::toString), Optional::of);
      // Another section's fields: ProjectionPlan asks each section for its own only.
      case SUBJECT_NAME, SUBJECT_ID_NUMBER, SUBJECT_PHONE, SUBJECT_ADDRESS, SUMMARY_HAS_RECORDS,
          SUMMARY_ACCOUNT_COUNT, SUMMARY_OPEN_ACCOUNT_COUNT, SUMMARY_OVERDUE_ACCOUNT_COUNT, SUMMARY_TOTAL_BALANCE,
          SUMMARY_TOTAL_CREDIT_LIMIT, SUMMARY_PUBLIC_RECORD_COUNT, PUBLIC_RECORD_ID, PUBLIC_RECORD_TYPE,
          PUBLIC_RECORD_AUTHORITY, PUBLIC_RECORD_AMOUNT, PUBLIC_RECORD_FILED_ON,
          PUBLIC_RECORD_ENDED_ON -> throw notIn(field, Section.ACCOUNTS);
    };
  }

  static FieldWriter<PublicRecord> publicRecord(Field field, FieldAction action) {
    String key = field.key();
    boolean masked = masked(field, action);
    return switch (field) {
      case PUBLIC_RECORD_ID -> text(key, record -> record.id().toString(), same());
      case PUBLIC_RECORD_TYPE -> text(key, record -> record.type().name(), same());
      case PUBLIC_RECORD_AUTHORITY -> text(key, PublicRecord::authority, same());
      case PUBLIC_RECORD_AMOUNT -> amount(key, PublicRecord::amount, masked);
      case PUBLIC_RECORD_FILED_ON -> text(key, record -> record.filedOn().toString(), same());
      case PUBLIC_RECORD_ENDED_ON -> optionalText(key, record -> record.endedOn().map(LocalDate::toString), Optional::of);
      // Another section's fields: ProjectionPlan asks each section for its own only.
      case SUBJECT_NAME, SUBJECT_ID_NUMBER, SUBJECT_PHONE, SUBJECT_ADDRESS, SUMMARY_HAS_RECORDS,
          SUMMARY_ACCOUNT_COUNT, SUMMARY_OPEN_ACCOUNT_COUNT, SUMMARY_OVERDUE_ACCOUNT_COUNT, SUMMARY_TOTAL_BALANCE,
          SUMMARY_TOTAL_CREDIT_LIMIT, SUMMARY_PUBLIC_RECORD_COUNT, ACCOUNT_ID, ACCOUNT_TYPE, ACCOUNT_LENDER,
          ACCOUNT_OPENED_ON, ACCOUNT_CLOSED_ON, ACCOUNT_CREDIT_LIMIT, ACCOUNT_BALANCE, ACCOUNT_OVERDUE_AMOUNT,
          ACCOUNT_STATUS, ACCOUNT_REPAYMENT24, ACCOUNT_NEGATIVE_ENDED_ON -> throw notIn(field, Section.PUBLIC_RECORDS);
    };
  }

  /**
   * Whether the field is written masked: {@code ALLOW} writes it as it is, the masking action of
   * its kind masks it (a kind has at most one, {@link Field.Kind}). Anything else is refused, so an
   * action added later cannot fall through to the raw value: it must be decided here first.
   * {@code OMIT} never reaches a writer ({@link ProjectionPlan} drops it).
   */
  private static boolean masked(Field field, FieldAction action) {
    return switch (action) {
      case ALLOW -> false;
      case MASK_NAME, MASK_ID_NUMBER, MASK_PHONE, TO_CITY, BAND -> {
        if (!field.kind().accepts(action)) {
          throw new IllegalStateException(action + " does not apply to " + field.path());
        }
        yield true;
      }
      case OMIT -> throw new IllegalStateException(field.path() + " is omitted: it has no writer");
    };
  }

  private static UnaryOperator<String> same() {
    return UnaryOperator.identity();
  }

  private static <S> FieldWriter<S> text(String key, Function<S, String> value, UnaryOperator<String> mask) {
    return (source, target) -> {
      target.put(key, mask.apply(value.apply(source)));
      return true;
    };
  }

  /** An absent value, or one the mask cannot reduce safely, leaves the member out entirely. */
  private static <S> FieldWriter<S> optionalText(
      String key, Function<S, Optional<String>> value, Function<String, Optional<String>> mask) {
    return (source, target) -> {
      Optional<String> masked = value.apply(source).flatMap(mask);
      masked.ifPresent(text -> target.put(key, text));
      return masked.isPresent();
    };
  }

  private static <S> FieldWriter<S> amount(String key, ToLongFunction<S> value, boolean banded) {
    if (banded) {
      return (source, target) -> {
        target.put(key, Masking.band(value.applyAsLong(source)));
        return true;
      };
    }
    return (source, target) -> {
      target.put(key, value.applyAsLong(source));
      return true;
    };
  }

  private static <S> FieldWriter<S> flag(String key, Predicate<S> value) {
    return (source, target) -> {
      target.put(key, value.test(source));
      return true;
    };
  }

  private static IllegalStateException notIn(Field field, Section section) {
    return new IllegalStateException(field.path() + " is not a field of " + section.key());
  }
}
