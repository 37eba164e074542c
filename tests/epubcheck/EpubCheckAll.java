// EPUBCheck on every file named on the command line, in one JVM (its command line checks
// one file per run, and each run starts Java again: ~20 s here). Java runs this source
// file directly (java -cp epubcheck.jar EpubCheckAll.java a.epub b.epub); the messages go
// to the console as EPUBCheck writes them, then one line per file:
// RESULT<TAB>file<TAB>errors (fatal included)<TAB>warnings.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckAll {
  public static void main(String[] args) {
    for (String file : args) {
      DefaultReportImpl report = new DefaultReportImpl(file);
      new EpubCheck(new File(file), report).doValidate();
      System.out.println("RESULT\t" + file + "\t"
                         + (report.getFatalErrorCount() + report.getErrorCount()) + "\t"
                         + report.getWarningCount());
    }
  }
}
