package io.unitrace.inbound;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The receiving and putaway rules are plain Java: they can be read and tested without Spring or a
 * database. The classes are named one by one, so a rename fails this test instead of slipping out
 * of it.
 */
class PureReceivingRulesTest {

  private static final JavaClasses INBOUND =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.unitrace.inbound");

  @Test
  void readingJudgingAnsweringAndReportingImportNothingOfSpring() {
    noClasses()
        .that()
        .belongToAnyOf(
            Candidate.class,
            AnnouncedItem.class,
            ScanReading.class,
            ReceiptFacts.class,
            ScanChecks.class,
            Judging.class,
            Judged.class,
            ScanRow.class,
            AnnouncedContainers.class,
            ScanAnswers.class,
            PendingQuantities.class,
            DiscrepancyReport.class,
            PutawayScan.class,
            GoodsOnDock.class)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(INBOUND);
  }
}
