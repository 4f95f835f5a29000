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
 * those of {@code CreditFileJson} (ISO dates, enum names, whole-yuan amounts).
 */
final class FieldWriters {

  private FieldWriters() {}

  static FieldWriter<SubjectIdentity> subject(Field field, FieldAction action) {
    String key = field.key();
    return switch (field) {
      case SUBJECT_NAME -> text(key, SubjectIdentity::name, action == FieldAction.MASK_NAME ? Masking::name : same());
      case SUBJECT_ID_NUMBER -> text(key, subject -> action == FieldAction.MASK_ID_NUMBER
          ? Masking.idNumber(subject.idNumber()) : subject.idNumber().value(), same());
      case SUBJECT_PHONE -> optionalText(key, SubjectIdentity::phone,
          action == FieldAction.MASK_PHONE ? phone -> Optional.of(Masking.phone(phone)) : Optional::of);
      case SUBJECT_ADDRESS -> optionalText(key, SubjectIdentity::address,
          action == FieldAction.TO_CITY ? Masking::toCity : Optional::of);
      default -> throw notIn(field, Section.SUBJECT);
    };
  }

  static FieldWriter<CreditSummary> summary(Field field, FieldAction action) {
    String key = field.key();
    return switch (field) {
      case SUMMARY_HAS_RECORDS -> flag(key, CreditSummary::hasRecords);
      case SUMMARY_ACCOUNT_COUNT -> amount(key, CreditSummary::accountCount, action);
      case SUMMARY_OPEN_ACCOUNT_COUNT -> amount(key, CreditSummary::openAccountCount, action);
      case SUMMARY_OVERDUE_ACCOUNT_COUNT -> amount(key, CreditSummary::overdueAccountCount, action);
      case SUMMARY_TOTAL_BALANCE -> amount(key, CreditSummary::totalBalance, action);
      case SUMMARY_TOTAL_CREDIT_LIMIT -> amount(key, CreditSummary::totalCreditLimit, action);
      case SUMMARY_PUBLIC_RECORD_COUNT -> amount(key, CreditSummary::publicRecordCount, action);
      default -> throw notIn(field, Section.SUMMARY);
    };
  }

  static FieldWriter<CreditAccount> account(Field field, FieldAction action) {
    String key = field.key();
    return switch (field) {
      case ACCOUNT_ID -> text(key, account -> account.id().toString(), same());
      case ACCOUNT_TYPE -> text(key, account -> account.type().name(), same());
      case ACCOUNT_LENDER -> text(key, CreditAccount::lender, same());
      case ACCOUNT_OPENED_ON -> text(key, account -> account.openedOn().toString(), same());
      case ACCOUNT_CLOSED_ON -> optionalText(key, account -> account.closedOn().map(LocalDate::toString), Optional::of);
      case ACCOUNT_CREDIT_LIMIT -> amount(key, CreditAccount::creditLimit, action);
      case ACCOUNT_BALANCE -> amount(key, CreditAccount::balance, action);
      case ACCOUNT_OVERDUE_AMOUNT -> amount(key, CreditAccount::overdueAmount, action);
      case ACCOUNT_STATUS -> text(key, account -> account.status().name(), same());
      case ACCOUNT_REPAYMENT24 -> text(key, CreditAccount::repayment24, same());
      case ACCOUNT_NEGATIVE_ENDED_ON ->
          optionalText(key, account -> account.negativeEndedOn().map(LocalDate::toString), Optional::of);
      default -> throw notIn(field, Section.ACCOUNTS);
    };
  }

  static FieldWriter<PublicRecord> publicRecord(Field field, FieldAction action) {
    String key = field.key();
    return switch (field) {
      case PUBLIC_RECORD_ID -> text(key, record -> record.id().toString(), same());
      case PUBLIC_RECORD_TYPE -> text(key, record -> record.type().name(), same());
      case PUBLIC_RECORD_AUTHORITY -> text(key, PublicRecord::authority, same());
      case PUBLIC_RECORD_AMOUNT -> amount(key, PublicRecord::amount, action);
      case PUBLIC_RECORD_FILED_ON -> text(key, record -> record.filedOn().toString(), same());
      case PUBLIC_RECORD_ENDED_ON -> optionalText(key, record -> record.endedOn().map(LocalDate::toString), Optional::of);
      default -> throw notIn(field, Section.PUBLIC_RECORDS);
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

  private static <S> FieldWriter<S> amount(String key, ToLongFunction<S> value, FieldAction action) {
    if (action == FieldAction.BAND) {
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
