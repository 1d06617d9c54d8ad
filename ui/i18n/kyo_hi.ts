<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi_IN">
<context>
    <name>AssessmentPlayer</name>
    <message>
        <source>Assessment</source>
        <translation>मूल्यांकन</translation>
    </message>
</context>
<context>
    <name>CertificatesPage</name>
    <message>
        <source>Certificates</source>
        <translation>प्रमाणपत्र</translation>
    </message>
    <message>
        <source>Your certificates</source>
        <translation>आपके प्रमाणपत्र</translation>
    </message>
    <message>
        <source>Certificate preview</source>
        <translation>प्रमाणपत्र का पूर्वावलोकन</translation>
    </message>
    <message>
        <source>No certificates yet. Complete a course to get one: it is made at once, and you can print it here.</source>
        <translation>अभी कोई प्रमाणपत्र नहीं है। कोई कोर्स पूरा करें: प्रमाणपत्र तुरंत बनता है, और आप उसे यहाँ से छाप सकते हैं।</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>छापें… (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>PDF के रूप में सहेजें… (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Verify a certificate…</source>
        <translation>प्रमाणपत्र की जाँच करें… (&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Back to library</source>
        <translation>लाइब्रेरी पर वापस (&amp;B)</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>अनंतिम</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>पुष्ट</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>मान्य</translation>
    </message>
    <message>
        <source>Provisional</source>
        <translation>अनंतिम</translation>
    </message>
    <message>
        <source>Unknown issuer</source>
        <translation>अज्ञात जारीकर्ता</translation>
    </message>
    <message>
        <source>Tampered</source>
        <translation>छेड़छाड़ की गई</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>रद्द</translation>
    </message>
</context>
<context>
    <name>Cmi5Player</name>
    <message>
        <source>&amp;Activity:</source>
        <translation>गतिविधि (&amp;A):</translation>
    </message>
    <message>
        <source>Activity to open</source>
        <translation>खोलने के लिए गतिविधि</translation>
    </message>
    <message>
        <source>This item has several activities: choose one to open</source>
        <translation>इस आइटम में कई गतिविधियाँ हैं: खोलने के लिए एक चुनें</translation>
    </message>
    <message>
        <source>“%1” is on the web, not in this download: it cannot be opened offline.</source>
        <translation>“%1” वेब पर है, इस डाउनलोड में नहीं: इसे ऑफ़लाइन नहीं खोला जा सकता।</translation>
    </message>
    <message>
        <source>%1 (done)</source>
        <translation>%1 (पूरा)</translation>
    </message>
</context>
<context>
    <name>CoursePage</name>
    <message>
        <source>&amp;Back to the library</source>
        <translation>लाइब्रेरी पर वापस (&amp;B)</translation>
    </message>
    <message>
        <source>Module and item</source>
        <translation>मॉड्यूल और आइटम</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>प्रकार</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>प्रगति</translation>
    </message>
    <message>
        <source>Modules and items</source>
        <translation>मॉड्यूल और आइटम</translation>
    </message>
    <message>
        <source>Enter opens the selected item.</source>
        <translation>Enter दबाने पर चुना गया आइटम खुलता है।</translation>
    </message>
    <message>
        <source>behavioural</source>
        <translation>व्यवहारगत</translation>
    </message>
    <message>
        <source>functional</source>
        <translation>कार्यात्मक</translation>
    </message>
    <message>
        <source>domain</source>
        <translation>क्षेत्र-विशेष</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Competencies: %1</source>
        <translation>दक्षताएँ: %1</translation>
    </message>
    <message>
        <source>Course completed.</source>
        <translation>कोर्स पूरा हुआ।</translation>
    </message>
    <message>
        <source>%1 of %2 items done</source>
        <translation>%2 में से %1 आइटम पूरे</translation>
    </message>
    <message>
        <source>Course progress: %1</source>
        <translation>कोर्स की प्रगति: %1</translation>
    </message>
    <message>
        <source>&amp;Start again</source>
        <translation>फिर से शुरू करें (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>शुरू करें (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>जारी रखें (&amp;C)</translation>
    </message>
    <message>
        <source>next: %1</source>
        <translation>अगला: %1</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 खोलें</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>मॉड्यूल</translation>
    </message>
    <message>
        <source>%1 of %2 done</source>
        <translation>%2 में से %1 पूरे</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>वीडियो</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF दस्तावेज़</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>पाठ</translation>
    </message>
    <message>
        <source>SCORM module</source>
        <translation>SCORM मॉड्यूल</translation>
    </message>
    <message>
        <source>cmi5 activity</source>
        <translation>cmi5 गतिविधि</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>मूल्यांकन</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>पूरा हुआ</translation>
    </message>
    <message>
        <source>In progress: %1%</source>
        <translation>जारी: %1%</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>शुरू नहीं हुआ</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>उत्तीर्ण</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>उत्तीर्ण नहीं</translation>
    </message>
</context>
<context>
    <name>CourseRow</name>
    <message>
        <source>Open</source>
        <translation>खोलें</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>संस्करण %1</translation>
    </message>
    <message>
        <source>1 item</source>
        <translation>1 आइटम</translation>
    </message>
    <message>
        <source>%1 items</source>
        <translation>%1 आइटम</translation>
    </message>
    <message>
        <source>Update available: version %1 (%2)</source>
        <translation>अपडेट उपलब्ध: संस्करण %1 (%2)</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>इंस्टॉल नहीं है</translation>
    </message>
    <message>
        <source>%1 to download</source>
        <translation>%1 डाउनलोड करना है</translation>
    </message>
    <message>
        <source>needs a network connection</source>
        <translation>नेटवर्क कनेक्शन चाहिए</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>पूरा हुआ</translation>
    </message>
    <message>
        <source>In progress: %1% done</source>
        <translation>जारी: %1% पूरा</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>शुरू नहीं हुआ</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>अपडेट करें</translation>
    </message>
    <message>
        <source>Install</source>
        <translation>इंस्टॉल करें</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 खोलें</translation>
    </message>
    <message>
        <source>Waiting to install</source>
        <translation>इंस्टॉल की प्रतीक्षा में</translation>
    </message>
    <message>
        <source>Installing: %1%</source>
        <translation>इंस्टॉल हो रहा है: %1%</translation>
    </message>
    <message>
        <source>Paused at %1%</source>
        <translation>%1% पर रुका हुआ</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>पैकेज की जाँच हो रही है…</translation>
    </message>
</context>
<context>
    <name>CreateProfilePage</name>
    <message>
        <source>New profile</source>
        <translation>नई प्रोफ़ाइल</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>नाम (&amp;N):</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>नाम</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>पासफ़्रेज़ (&amp;P):</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>पासफ़्रेज़</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase:</source>
        <translation>पासफ़्रेज़ दोबारा (&amp;R):</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>पासफ़्रेज़ दोबारा</translation>
    </message>
    <message>
        <source>At least 8 characters. Your progress is encrypted with it: keep it safe, it cannot be recovered on this computer.</source>
        <translation>कम से कम 8 अक्षर। आपकी प्रगति इसी से एन्क्रिप्ट होती है: इसे सुरक्षित रखें, इस कंप्यूटर पर इसे वापस नहीं पाया जा सकता।</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>बनाएँ (&amp;C)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>दोनों पासफ़्रेज़ अलग हैं।</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>All competencies</source>
        <translation>सभी दक्षताएँ</translation>
    </message>
    <message>
        <source>Behavioural</source>
        <translation>व्यवहारगत</translation>
    </message>
    <message>
        <source>Functional</source>
        <translation>कार्यात्मक</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>क्षेत्र-विशेष</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>प्रगति</translation>
    </message>
    <message>
        <source>&amp;Back to library</source>
        <translation>लाइब्रेरी पर वापस (&amp;B)</translation>
    </message>
    <message>
        <source>Hours per competency type</source>
        <translation>दक्षता के प्रकार के अनुसार घंटे</translation>
    </message>
    <message>
        <source>Chart: hours per competency type</source>
        <translation>चार्ट: दक्षता के प्रकार के अनुसार घंटे</translation>
    </message>
    <message>
        <source>Bars: hours earned from completed learning. Dashed line: your annual target for that type. The table gives the same numbers.</source>
        <translation>पट्टियाँ: पूरी की गई पढ़ाई से अर्जित घंटे। डैश वाली रेखा: उस प्रकार के लिए आपका वार्षिक लक्ष्य। तालिका में यही संख्याएँ हैं।</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>प्रकार</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>घंटे</translation>
    </message>
    <message>
        <source>Annual target</source>
        <translation>वार्षिक लक्ष्य</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>इस वर्ष</translation>
    </message>
    <message>
        <source>Your targets</source>
        <translation>आपके लक्ष्य</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>लक्ष्य</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>अवधि</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>अर्जित</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>Set an annual &amp;target for:</source>
        <translation>इसके लिए वार्षिक लक्ष्य तय करें (&amp;T):</translation>
    </message>
    <message>
        <source>Competency type of the target</source>
        <translation>लक्ष्य का दक्षता-प्रकार</translation>
    </message>
    <message>
        <source>Target hours</source>
        <translation>लक्ष्य घंटे</translation>
    </message>
    <message>
        <source> h</source>
        <translation> घंटे</translation>
    </message>
    <message>
        <source>&amp;Save target</source>
        <translation>लक्ष्य सहेजें (&amp;S)</translation>
    </message>
    <message>
        <source>Courses in progress</source>
        <translation>जारी कोर्स</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>कोर्स</translation>
    </message>
    <message>
        <source>No course is in progress.</source>
        <translation>कोई कोर्स जारी नहीं है।</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>सिंक</translation>
    </message>
    <message>
        <source>Annual plan %1–%2</source>
        <translation>वार्षिक योजना %1–%2</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 घंटे</translation>
    </message>
    <message>
        <source>target %1 h</source>
        <translation>लक्ष्य %1 घंटे</translation>
    </message>
    <message>
        <source>met</source>
        <translation>पूरा</translation>
    </message>
    <message>
        <source>%1 h to go</source>
        <translation>%1 घंटे बाकी</translation>
    </message>
    <message>
        <source>Time spent learning, all courses: %1 h</source>
        <translation>सीखने में लगा समय, सभी कोर्स: %1 घंटे</translation>
    </message>
    <message>
        <source>National Learning Week</source>
        <translation>राष्ट्रीय शिक्षण सप्ताह</translation>
    </message>
    <message>
        <source>Annual plan: %1</source>
        <translation>वार्षिक योजना: %1</translation>
    </message>
    <message>
        <source>%1 of %2 items (%3%)</source>
        <translation>%2 में से %1 आइटम (%3%)</translation>
    </message>
    <message>
        <source>Courses completed: %1</source>
        <translation>पूरे किए गए कोर्स: %1</translation>
    </message>
    <message>
        <source>Records waiting to sync: %1</source>
        <translation>सिंक की प्रतीक्षा में रिकॉर्ड: %1</translation>
    </message>
    <message>
        <source>Records the platform refused: %1 (see the sync log)</source>
        <translation>प्लेटफ़ॉर्म द्वारा अस्वीकार किए गए रिकॉर्ड: %1 (सिंक लॉग देखें)</translation>
    </message>
    <message>
        <source>Target saved.</source>
        <translation>लक्ष्य सहेजा गया।</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <source>Progress of %1</source>
        <translation>%1 की प्रगति</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>रोकें (&amp;P)</translation>
    </message>
    <message>
        <source>Pause %1</source>
        <translation>%1 रोकें</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>फिर शुरू करें (&amp;R)</translation>
    </message>
    <message>
        <source>Resume %1</source>
        <translation>%1 फिर शुरू करें</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>फिर कोशिश करें (&amp;T)</translation>
    </message>
    <message>
        <source>Try %1 again</source>
        <translation>%1 के लिए फिर कोशिश करें</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>रद्द करें (&amp;C)</translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation>%1 रद्द करें</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>हटाएँ (&amp;M)</translation>
    </message>
    <message>
        <source>Remove %1 from the list</source>
        <translation>%1 को सूची से हटाएँ</translation>
    </message>
    <message>
        <source>Waiting for the downloads before it…</source>
        <translation>पहले के डाउनलोड की प्रतीक्षा में…</translation>
    </message>
    <message>
        <source>Not installed: %1</source>
        <translation>इंस्टॉल नहीं हुआ: %1</translation>
    </message>
    <message>
        <source>Cancelled: nothing was installed.</source>
        <translation>रद्द किया गया: कुछ भी इंस्टॉल नहीं हुआ।</translation>
    </message>
    <message>
        <source>Paused after %1: Resume continues from there.</source>
        <translation>%1 के बाद रुका: फिर शुरू करने पर वहीं से आगे चलेगा।</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>शुरू हो रहा है…</translation>
    </message>
    <message>
        <source>Checking the package and installing it…</source>
        <translation>पैकेज की जाँच और इंस्टॉल हो रहा है…</translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%2 में से %1 (%3%)</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>लगभग %1 बाकी</translation>
    </message>
    <message>
        <source>Installed.</source>
        <translation>इंस्टॉल हो गया।</translation>
    </message>
    <message>
        <source>Version %1 was installed already.</source>
        <translation>संस्करण %1 पहले से इंस्टॉल था।</translation>
    </message>
    <message>
        <source>Updated from version %1 to %2.</source>
        <translation>संस्करण %1 से %2 में अपडेट हुआ।</translation>
    </message>
    <message>
        <source>Installed version %1.</source>
        <translation>संस्करण %1 इंस्टॉल हुआ।</translation>
    </message>
</context>
<context>
    <name>DownloadsPage</name>
    <message>
        <source>Downloads</source>
        <translation>डाउनलोड</translation>
    </message>
    <message>
        <source>&amp;Back to the library</source>
        <translation>लाइब्रेरी पर वापस (&amp;B)</translation>
    </message>
    <message>
        <source>C&amp;lear finished</source>
        <translation>पूरे हुए हटाएँ (&amp;L)</translation>
    </message>
    <message>
        <source>Nothing is being downloaded. Choose Install on a course in the library, or install a course package from a file or a USB stick.</source>
        <translation>अभी कुछ डाउनलोड नहीं हो रहा है। लाइब्रेरी में किसी कोर्स पर ‘इंस्टॉल करें’ चुनें, या किसी फ़ाइल या USB स्टिक से कोर्स पैकेज इंस्टॉल करें।</translation>
    </message>
    <message>
        <source>something unexpected went wrong (%1).</source>
        <translation>कुछ अप्रत्याशित ग़लत हुआ (%1)।</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <source>Something went wrong that the app did not expect. Your data is safe. The details below help the developers fix it.</source>
        <translation>कुछ ऐसा ग़लत हुआ जिसकी ऐप को उम्मीद नहीं थी। आपका डेटा सुरक्षित है। नीचे दिया गया विवरण डेवलपरों को इसे ठीक करने में मदद करेगा।</translation>
    </message>
    <message>
        <source>Karmayogi Offline</source>
        <translation>कर्मयोगी ऑफ़लाइन</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>त्रुटि</translation>
    </message>
</context>
<context>
    <name>IntroScreen</name>
    <message>
        <source>&amp;Back to the course</source>
        <translation>कोर्स पर वापस (&amp;B)</translation>
    </message>
    <message>
        <source>Loading the assessment…</source>
        <translation>मूल्यांकन लोड हो रहा है…</translation>
    </message>
    <message>
        <source>&amp;Start the assessment</source>
        <translation>मूल्यांकन शुरू करें (&amp;S)</translation>
    </message>
    <message>
        <source>You have used every attempt this assessment allows (%1).</source>
        <translation>इस मूल्यांकन में अनुमत सभी प्रयास (%1) आप कर चुके हैं।</translation>
    </message>
    <message>
        <source>The clock starts when you press Start and keeps running if you close the app. Each answer is saved as you give it.</source>
        <translation>‘शुरू करें’ दबाते ही घड़ी चलने लगती है और ऐप बंद करने पर भी चलती रहती है। हर उत्तर देते ही सहेज लिया जाता है।</translation>
    </message>
    <message>
        <source>Each answer is saved as you give it.</source>
        <translation>हर उत्तर देते ही सहेज लिया जाता है।</translation>
    </message>
    <message>
        <source>Questions: %1</source>
        <translation>प्रश्न: %1</translation>
    </message>
    <message>
        <source>Time limit: %1 min</source>
        <translation>समय-सीमा: %1 मिनट</translation>
    </message>
    <message>
        <source>No time limit</source>
        <translation>कोई समय-सीमा नहीं</translation>
    </message>
    <message>
        <source>Attempts: no limit</source>
        <translation>प्रयास: कोई सीमा नहीं</translation>
    </message>
    <message>
        <source>Attempts left: %1</source>
        <translation>बचे प्रयास: %1</translation>
    </message>
    <message>
        <source>Pass mark: %1</source>
        <translation>उत्तीर्णांक: %1</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>उत्तीर्ण</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>उत्तीर्ण नहीं</translation>
    </message>
    <message>
        <source>Your last score: %1 (%2). Your best: %3.</source>
        <translation>आपका पिछला स्कोर: %1 (%2)। आपका सर्वश्रेष्ठ: %3।</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <source>Library</source>
        <translation>लाइब्रेरी</translation>
    </message>
    <message>
        <source>Learner: %1</source>
        <translation>शिक्षार्थी: %1</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>लॉक करें (&amp;L)</translation>
    </message>
    <message>
        <source>Lock this profile</source>
        <translation>यह प्रोफ़ाइल लॉक करें</translation>
    </message>
    <message>
        <source>&amp;Certificates</source>
        <translation>प्रमाणपत्र (&amp;C)</translation>
    </message>
    <message>
        <source>Your certificates</source>
        <translation>आपके प्रमाणपत्र</translation>
    </message>
    <message>
        <source>Downloads and installs (Ctrl+D)</source>
        <translation>डाउनलोड और इंस्टॉल (Ctrl+D)</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>खोजें (&amp;S):</translation>
    </message>
    <message>
        <source>Course title, in English or Hindi</source>
        <translation>कोर्स का शीर्षक, अंग्रेज़ी या हिंदी में</translation>
    </message>
    <message>
        <source>Search courses (Ctrl+F)</source>
        <translation>कोर्स खोजें (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>प्रकार (&amp;T):</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>भाषा (&amp;G):</translation>
    </message>
    <message>
        <source>&amp;Progress:</source>
        <translation>प्रगति (&amp;P):</translation>
    </message>
    <message>
        <source>Courses</source>
        <translation>कोर्स</translation>
    </message>
    <message>
        <source>Enter opens an installed course or installs an available one; Ctrl+I installs or updates the selected course.</source>
        <translation>Enter इंस्टॉल किया हुआ कोर्स खोलता है या उपलब्ध कोर्स इंस्टॉल करता है; Ctrl+I चुने गए कोर्स को इंस्टॉल या अपडेट करता है।</translation>
    </message>
    <message>
        <source>Show &amp;all courses</source>
        <translation>सभी कोर्स दिखाएँ (&amp;A)</translation>
    </message>
    <message>
        <source>Add a repository…</source>
        <translation>रिपॉज़िटरी जोड़ें…</translation>
    </message>
    <message>
        <source>Install from a file…</source>
        <translation>फ़ाइल से इंस्टॉल करें…</translation>
    </message>
    <message>
        <source>Add a &amp;repository…</source>
        <translation>रिपॉज़िटरी जोड़ें… (&amp;R)</translation>
    </message>
    <message>
        <source>Add a repository: a web address or a folder, such as a USB stick</source>
        <translation>रिपॉज़िटरी जोड़ें: कोई वेब पता या फ़ोल्डर, जैसे USB स्टिक</translation>
    </message>
    <message>
        <source>&amp;Install from a file…</source>
        <translation>फ़ाइल से इंस्टॉल करें… (&amp;I)</translation>
    </message>
    <message>
        <source>Install a course package file (.zip)</source>
        <translation>कोर्स पैकेज फ़ाइल (.zip) इंस्टॉल करें</translation>
    </message>
    <message>
        <source>Check for &amp;updates</source>
        <translation>अपडेट देखें (&amp;U)</translation>
    </message>
    <message>
        <source>Check the repositories for new courses (F5)</source>
        <translation>नए कोर्स के लिए रिपॉज़िटरी देखें (F5)</translation>
    </message>
    <message>
        <source>Any type</source>
        <translation>कोई भी प्रकार</translation>
    </message>
    <message>
        <source>Behavioural</source>
        <translation>व्यवहारगत</translation>
    </message>
    <message>
        <source>Functional</source>
        <translation>कार्यात्मक</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>क्षेत्र-विशेष</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>कोई भी स्थिति</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>शुरू नहीं हुआ</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>जारी</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>पूरा हुआ</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>इंस्टॉल नहीं है</translation>
    </message>
    <message>
        <source>Update available</source>
        <translation>अपडेट उपलब्ध</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>हिन्दी</translation>
    </message>
    <message>
        <source>Any language</source>
        <translation>कोई भी भाषा</translation>
    </message>
    <message>
        <source>Competency type</source>
        <translation>दक्षता का प्रकार</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>भाषा</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>स्थिति</translation>
    </message>
    <message>
        <source>&amp;Downloads (%1)</source>
        <translation>डाउनलोड (%1) (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Downloads</source>
        <translation>डाउनलोड (&amp;D)</translation>
    </message>
    <message>
        <source>No course matches your search and filters.</source>
        <translation>आपकी खोज और फ़िल्टर से कोई कोर्स मेल नहीं खाता।</translation>
    </message>
    <message>
        <source>No courses yet. To get some, choose “Add a repository…” and give the web address your department or institute gave you, or a folder on a USB stick; or choose “Install from a file…” for a course package (.zip).</source>
        <translation>अभी कोई कोर्स नहीं है। कोर्स पाने के लिए “रिपॉज़िटरी जोड़ें…” चुनें और अपने विभाग या संस्थान से मिला वेब पता, या USB स्टिक का कोई फ़ोल्डर दें; या कोर्स पैकेज (.zip) के लिए “फ़ाइल से इंस्टॉल करें…” चुनें।</translation>
    </message>
    <message>
        <source>Showing %1 of %2 courses: search to find the others.</source>
        <translation>%2 में से %1 कोर्स दिखाए जा रहे हैं: बाकी के लिए खोजें।</translation>
    </message>
    <message>
        <source>Install a course from a file</source>
        <translation>फ़ाइल से कोर्स इंस्टॉल करें</translation>
    </message>
    <message>
        <source>Course packages (*.zip)</source>
        <translation>कोर्स पैकेज (*.zip)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>Checking the repositories…</source>
        <translation>रिपॉज़िटरी देखी जा रही हैं…</translation>
    </message>
    <message>
        <source>%1 could not be checked: %2</source>
        <translation>%1 की जाँच नहीं हो सकी: %2</translation>
    </message>
    <message>
        <source>The repositories were checked just now.</source>
        <translation>रिपॉज़िटरी अभी-अभी देखी गईं।</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Karmayogi Offline</source>
        <translation>कर्मयोगी ऑफ़लाइन</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>फ़ाइल (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>सेटिंग्स… (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Lock profile</source>
        <translation>प्रोफ़ाइल लॉक करें (&amp;L)</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>अभी सिंक करें (&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>जाएँ (&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>लाइब्रेरी (&amp;L)</translation>
    </message>
    <message>
        <source>Current &amp;course</source>
        <translation>मौजूदा कोर्स (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Progress</source>
        <translation>प्रगति (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Certificates</source>
        <translation>प्रमाणपत्र (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Downloads</source>
        <translation>डाउनलोड (&amp;D)</translation>
    </message>
    <message>
        <source>Sync &amp;log</source>
        <translation>सिंक लॉग (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>बंद करें (&amp;Q)</translation>
    </message>
    <message>
        <source>Save certificate</source>
        <translation>प्रमाणपत्र सहेजें</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF फ़ाइलें (*.pdf)</translation>
    </message>
    <message>
        <source>Verify a certificate</source>
        <translation>प्रमाणपत्र की जाँच करें</translation>
    </message>
    <message>
        <source>Certificates (*.pdf *.png *.jpg *.jpeg *.txt);;All files (*)</source>
        <translation>प्रमाणपत्र (*.pdf *.png *.jpg *.jpeg *.txt);;सभी फ़ाइलें (*)</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>काम चल रहा है…</translation>
    </message>
</context>
<context>
    <name>MatchingInput</name>
    <message>
        <source>Choose…</source>
        <translation>चुनें…</translation>
    </message>
    <message>
        <source>%1 of %2 matched. Your answer is recorded when every item has a choice.</source>
        <translation>%2 में से %1 मिलाए गए। हर आइटम का चुनाव होने पर आपका उत्तर दर्ज होता है।</translation>
    </message>
</context>
<context>
    <name>OrderingInput</name>
    <message>
        <source>Options in your order</source>
        <translation>आपके क्रम में विकल्प</translation>
    </message>
    <message>
        <source>Ctrl+Up and Ctrl+Down move the selected option.</source>
        <translation>Ctrl+Up और Ctrl+Down चुने गए विकल्प को ऊपर-नीचे करते हैं।</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>ऊपर ले जाएँ (&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;down</source>
        <translation>नीचे ले जाएँ (&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keep this order</source>
        <translation>यही क्रम रखें (&amp;K)</translation>
    </message>
</context>
<context>
    <name>PdfPlayer</name>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>वापस (&amp;B)</translation>
    </message>
    <message>
        <source>Back to the course (Esc)</source>
        <translation>कोर्स पर वापस (Esc)</translation>
    </message>
    <message>
        <source>Pre&amp;vious page</source>
        <translation>पिछला पृष्ठ (&amp;V)</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>पिछला पृष्ठ (Page Up)</translation>
    </message>
    <message>
        <source>&amp;Next page</source>
        <translation>अगला पृष्ठ (&amp;N)</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>अगला पृष्ठ (Page Down)</translation>
    </message>
    <message>
        <source>Pa&amp;ge:</source>
        <translation>पृष्ठ (&amp;G):</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>पृष्ठ संख्या</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>छोटा करें (&amp;O)</translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+-)</source>
        <translation>छोटा करें (Ctrl+-)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>बड़ा करें (&amp;I)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>बड़ा करें (Ctrl++)</translation>
    </message>
    <message>
        <source>&amp;Fit width</source>
        <translation>चौड़ाई में फ़िट (&amp;F)</translation>
    </message>
    <message>
        <source>Fit the page to the width (Ctrl+0)</source>
        <translation>पृष्ठ को चौड़ाई में फ़िट करें (Ctrl+0)</translation>
    </message>
    <message>
        <source>PDF pages</source>
        <translation>PDF के पृष्ठ</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>/ %1</translation>
    </message>
    <message>
        <source>This PDF cannot be opened.</source>
        <translation>यह PDF नहीं खुल सकता।</translation>
    </message>
    <message>
        <source>Zoom: %1</source>
        <translation>ज़ूम: %1</translation>
    </message>
    <message>
        <source>Completed: you have seen every page.</source>
        <translation>पूरा हुआ: आपने हर पृष्ठ देख लिया है।</translation>
    </message>
    <message>
        <source>Pages seen: %1 of %2</source>
        <translation>देखे गए पृष्ठ: %2 में से %1</translation>
    </message>
</context>
<context>
    <name>ProfilePickerPage</name>
    <message>
        <source>Who is learning today?</source>
        <translation>आज कौन सीख रहा है?</translation>
    </message>
    <message>
        <source>Profiles on this computer</source>
        <translation>इस कंप्यूटर की प्रोफ़ाइलें</translation>
    </message>
    <message>
        <source>There are no profiles on this computer yet. Create one to start learning.</source>
        <translation>इस कंप्यूटर पर अभी कोई प्रोफ़ाइल नहीं है। सीखना शुरू करने के लिए एक प्रोफ़ाइल बनाएँ।</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>खोलें (&amp;O)</translation>
    </message>
    <message>
        <source>Open the selected profile</source>
        <translation>चुनी गई प्रोफ़ाइल खोलें</translation>
    </message>
    <message>
        <source>&amp;New profile…</source>
        <translation>नई प्रोफ़ाइल… (&amp;N)</translation>
    </message>
    <message>
        <source>Create a new profile</source>
        <translation>नई प्रोफ़ाइल बनाएँ</translation>
    </message>
</context>
<context>
    <name>QLineEdit</name>
    <message>
        <source>&amp;Undo</source>
        <translation>पहले जैसा करें (&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>फिर से करें (&amp;R)</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>काटें (&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>कॉपी करें (&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>चिपकाएँ (&amp;P)</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>मिटाएँ</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>सब चुनें</translation>
    </message>
</context>
<context>
    <name>QMessageBox</name>
    <message>
        <source>Show Details...</source>
        <translation>विवरण दिखाएँ…</translation>
    </message>
    <message>
        <source>Hide Details...</source>
        <translation>विवरण छिपाएँ…</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <source>OK</source>
        <translation>ठीक है</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>रद्द करें</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>बंद करें</translation>
    </message>
    <message>
        <source>&amp;Yes</source>
        <translation>हाँ (&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;No</source>
        <translation>नहीं (&amp;N)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>खोलें</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>सहेजें</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>फिर कोशिश करें</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>लागू करें</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>सहायता</translation>
    </message>
</context>
<context>
    <name>QuestionScreen</name>
    <message>
        <source>C&amp;lear this answer</source>
        <translation>यह उत्तर हटाएँ (&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>पिछला (&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>अगला (&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Review and submit</source>
        <translation>जाँचें और जमा करें (&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Questions</source>
        <translation>प्रश्न (&amp;Q)</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>प्रश्न</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>प्रश्न %1 / %2</translation>
    </message>
    <message>
        <source>%1. Answered</source>
        <translation>%1. उत्तर दिया</translation>
    </message>
    <message>
        <source>%1. Not answered</source>
        <translation>%1. उत्तर नहीं दिया</translation>
    </message>
    <message>
        <source>Choose one answer.</source>
        <translation>एक उत्तर चुनें।</translation>
    </message>
    <message>
        <source>Choose every answer that applies.</source>
        <translation>जो भी उत्तर सही हों, सब चुनें।</translation>
    </message>
    <message>
        <source>Choose true or false.</source>
        <translation>सही या ग़लत चुनें।</translation>
    </message>
    <message>
        <source>Type a number. Use a point for decimals.</source>
        <translation>संख्या लिखें। दशमलव के लिए बिंदु (.) लगाएँ।</translation>
    </message>
    <message>
        <source>Type a short answer.</source>
        <translation>छोटा उत्तर लिखें।</translation>
    </message>
    <message>
        <source>Put these in order: select one, then move it with Move up and Move down (or Ctrl+Up and Ctrl+Down).</source>
        <translation>इन्हें क्रम में लगाएँ: एक चुनें, फिर ‘ऊपर ले जाएँ’ और ‘नीचे ले जाएँ’ (या Ctrl+Up और Ctrl+Down) से खिसकाएँ।</translation>
    </message>
    <message>
        <source>Choose a match for every item.</source>
        <translation>हर आइटम का जोड़ चुनें।</translation>
    </message>
    <message>
        <source>Time is up</source>
        <translation>समय समाप्त</translation>
    </message>
    <message>
        <source>Less than a minute left: %1</source>
        <translation>एक मिनट से कम बचा है: %1</translation>
    </message>
    <message>
        <source>Time left: %1</source>
        <translation>बचा समय: %1</translation>
    </message>
</context>
<context>
    <name>RepoDialog</name>
    <message>
        <source>Add a repository</source>
        <translation>रिपॉज़िटरी जोड़ें</translation>
    </message>
    <message>
        <source>A repository is where courses come from: the web address your department or training institute gave you (https://…), another computer in the lab, or a folder on a USB stick. Its list of courses is checked against the platform&apos;s signature before anything is shown.</source>
        <translation>रिपॉज़िटरी वह जगह है जहाँ से कोर्स आते हैं: आपके विभाग या प्रशिक्षण संस्थान से मिला वेब पता (https://…), लैब का कोई दूसरा कंप्यूटर, या USB स्टिक का कोई फ़ोल्डर। कुछ भी दिखाने से पहले उसकी कोर्स-सूची का मिलान प्लेटफ़ॉर्म के हस्ताक्षर से किया जाता है।</translation>
    </message>
    <message>
        <source>&amp;Web address or folder:</source>
        <translation>वेब पता या फ़ोल्डर (&amp;W):</translation>
    </message>
    <message>
        <source>Web address or folder</source>
        <translation>वेब पता या फ़ोल्डर</translation>
    </message>
    <message>
        <source>https://… or /media/usb/courses</source>
        <translation>https://… या /media/usb/courses</translation>
    </message>
    <message>
        <source>Choose a &amp;folder…</source>
        <translation>फ़ोल्डर चुनें… (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>जोड़ें (&amp;A)</translation>
    </message>
    <message>
        <source>Checking the repository…</source>
        <translation>रिपॉज़िटरी की जाँच हो रही है…</translation>
    </message>
    <message>
        <source>Choose the repository&apos;s folder</source>
        <translation>रिपॉज़िटरी का फ़ोल्डर चुनें</translation>
    </message>
    <message>
        <source>Type a web address (https://…) or choose a folder.</source>
        <translation>वेब पता (https://…) लिखें या फ़ोल्डर चुनें।</translation>
    </message>
    <message>
        <source>Only web addresses starting with http:// or https:// can be used.</source>
        <translation>केवल http:// या https:// से शुरू होने वाले वेब पते ही इस्तेमाल हो सकते हैं।</translation>
    </message>
    <message>
        <source>The repository could not be added: %1</source>
        <translation>रिपॉज़िटरी नहीं जोड़ी जा सकी: %1</translation>
    </message>
</context>
<context>
    <name>ReportWidgets</name>
    <message>
        <source>Something went wrong that the app did not expect. Your data is safe; the details are in the log.</source>
        <translation>कुछ ऐसा ग़लत हुआ जिसकी ऐप को उम्मीद नहीं थी। आपका डेटा सुरक्षित है; विवरण लॉग में है।</translation>
    </message>
</context>
<context>
    <name>ResultScreen</name>
    <message>
        <source>&amp;Back to the course</source>
        <translation>कोर्स पर वापस (&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>फिर कोशिश करें (&amp;T)</translation>
    </message>
    <message>
        <source>Your answers, right or wrong</source>
        <translation>आपके उत्तर, सही या ग़लत</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>उत्तीर्ण</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>उत्तीर्ण नहीं</translation>
    </message>
    <message>
        <source>Your score: %1 (%2 of %3 points). The pass mark is %4.</source>
        <translation>आपका स्कोर: %1 (%3 में से %2 अंक)। उत्तीर्णांक %4 है।</translation>
    </message>
    <message>
        <source>The time ran out, so your answers were submitted.</source>
        <translation>समय समाप्त हो गया, इसलिए आपके उत्तर जमा कर दिए गए।</translation>
    </message>
    <message>
        <source>You have completed the course “%1”. Your certificate is ready: open Certificates in the library to see and print it.</source>
        <translation>आपने कोर्स “%1” पूरा कर लिया है। आपका प्रमाणपत्र तैयार है: उसे देखने और छापने के लिए लाइब्रेरी में ‘प्रमाणपत्र’ खोलें।</translation>
    </message>
    <message>
        <source>You have completed the course “%1”.</source>
        <translation>आपने कोर्स “%1” पूरा कर लिया है।</translation>
    </message>
    <message>
        <source>Go on with the rest of the course to complete it.</source>
        <translation>कोर्स पूरा करने के लिए उसका बाकी हिस्सा जारी रखें।</translation>
    </message>
    <message>
        <source>You can try again.</source>
        <translation>आप फिर कोशिश कर सकते हैं।</translation>
    </message>
    <message>
        <source>You have no attempts left at this assessment.</source>
        <translation>इस मूल्यांकन में आपका कोई प्रयास नहीं बचा है।</translation>
    </message>
    <message>
        <source>You can try again. Attempts left: %1.</source>
        <translation>आप फिर कोशिश कर सकते हैं। बचे प्रयास: %1।</translation>
    </message>
    <message>
        <source>Question %1: not answered</source>
        <translation>प्रश्न %1: उत्तर नहीं दिया</translation>
    </message>
    <message>
        <source>Question %1: right</source>
        <translation>प्रश्न %1: सही</translation>
    </message>
    <message>
        <source>Question %1: partly right (%2 of %3 points)</source>
        <translation>प्रश्न %1: आंशिक रूप से सही (%3 में से %2 अंक)</translation>
    </message>
    <message>
        <source>Question %1: wrong</source>
        <translation>प्रश्न %1: ग़लत</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>Review your answers</source>
        <translation>अपने उत्तर जाँचें</translation>
    </message>
    <message>
        <source>%1 of %2 questions answered; %3 not answered.</source>
        <translation>%2 में से %1 प्रश्नों के उत्तर दिए; %3 के नहीं।</translation>
    </message>
    <message>
        <source>Your answers; press Enter to change one</source>
        <translation>आपके उत्तर; किसी को बदलने के लिए Enter दबाएँ</translation>
    </message>
    <message>
        <source>&amp;Back to the questions</source>
        <translation>प्रश्नों पर वापस (&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Submit…</source>
        <translation>जमा करें… (&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Yes, submit</source>
        <translation>हाँ, जमा करें (&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>रद्द करें (&amp;C)</translation>
    </message>
    <message>
        <source>Submit your answers now? You cannot change them afterwards.</source>
        <translation>अपने उत्तर अभी जमा करें? बाद में आप उन्हें बदल नहीं सकेंगे।</translation>
    </message>
    <message>
        <source>Questions not answered score nothing.</source>
        <translation>जिन प्रश्नों के उत्तर नहीं दिए, उन पर कोई अंक नहीं मिलता।</translation>
    </message>
    <message>
        <source>Question %1: not answered</source>
        <translation>प्रश्न %1: उत्तर नहीं दिया</translation>
    </message>
    <message>
        <source>Question %1: answered</source>
        <translation>प्रश्न %1: उत्तर दिया</translation>
    </message>
    <message>
        <source>Your answer: %1</source>
        <translation>आपका उत्तर: %1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>सेटिंग्स</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>भाषा (&amp;L):</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>भाषा</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>कनेक्शन</translation>
    </message>
    <message>
        <source>&amp;Bandwidth cap:</source>
        <translation>बैंडविड्थ सीमा (&amp;B):</translation>
    </message>
    <message>
        <source>Bandwidth cap in kilobytes a second</source>
        <translation>बैंडविड्थ सीमा, किलोबाइट प्रति सेकंड में</translation>
    </message>
    <message>
        <source> kB/s</source>
        <translation> kB/s</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>कोई सीमा नहीं</translation>
    </message>
    <message>
        <source>The most downloads and sync may use, in kilobytes a second. 0: no cap.</source>
        <translation>डाउनलोड और सिंक अधिक से अधिक इतना उपयोग कर सकते हैं, किलोबाइट प्रति सेकंड में। 0: कोई सीमा नहीं।</translation>
    </message>
    <message>
        <source>&amp;Metered connection</source>
        <translation>सीमित डेटा वाला कनेक्शन (&amp;M)</translation>
    </message>
    <message>
        <source>On a metered connection (a mobile data pack, a hotspot) learning records still sync, but no course is downloaded: install courses from a USB stick or wait for an unmetered connection.</source>
        <translation>सीमित डेटा वाले कनेक्शन (मोबाइल डेटा पैक, हॉटस्पॉट) पर सीखने के रिकॉर्ड सिंक होते रहते हैं, पर कोई कोर्स डाउनलोड नहीं होता: कोर्स USB स्टिक से इंस्टॉल करें या असीमित कनेक्शन की प्रतीक्षा करें।</translation>
    </message>
    <message>
        <source>Platform account</source>
        <translation>प्लेटफ़ॉर्म खाता</translation>
    </message>
    <message>
        <source>Platform &amp;address:</source>
        <translation>प्लेटफ़ॉर्म का पता (&amp;A):</translation>
    </message>
    <message>
        <source>Platform address</source>
        <translation>प्लेटफ़ॉर्म का पता</translation>
    </message>
    <message>
        <source>Account &amp;name:</source>
        <translation>खाते का नाम (&amp;N):</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>खाते का नाम</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>पासवर्ड (&amp;P):</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>पासवर्ड</translation>
    </message>
    <message>
        <source>Lin&amp;k account</source>
        <translation>खाता जोड़ें (&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Unlink</source>
        <translation>खाता हटाएँ (&amp;U)</translation>
    </message>
    <message>
        <source>Open a profile to link it to a platform account.</source>
        <translation>प्लेटफ़ॉर्म खाते से जोड़ने के लिए कोई प्रोफ़ाइल खोलें।</translation>
    </message>
    <message>
        <source>This profile is not linked: its learning records stay on this computer until you link it to your platform account.</source>
        <translation>यह प्रोफ़ाइल जुड़ी नहीं है: जब तक आप इसे अपने प्लेटफ़ॉर्म खाते से नहीं जोड़ते, इसके सीखने के रिकॉर्ड इसी कंप्यूटर पर रहेंगे।</translation>
    </message>
    <message>
        <source>Linked to %1 as %2.</source>
        <translation>%1 से %2 के रूप में जुड़ी है।</translation>
    </message>
    <message>
        <source>Linked. Your records will sync to this account.</source>
        <translation>जुड़ गई। आपके रिकॉर्ड इस खाते में सिंक होंगे।</translation>
    </message>
    <message>
        <source>Unlinked. Records stay on this computer until you link an account again.</source>
        <translation>खाता हटाया गया। जब तक आप फिर से खाता नहीं जोड़ते, रिकॉर्ड इसी कंप्यूटर पर रहेंगे।</translation>
    </message>
</context>
<context>
    <name>SyncLogPage</name>
    <message>
        <source>Sync log</source>
        <translation>सिंक लॉग</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>अभी सिंक करें (&amp;S)</translation>
    </message>
    <message>
        <source>Send and fetch records now (F9)</source>
        <translation>रिकॉर्ड अभी भेजें और लाएँ (F9)</translation>
    </message>
    <message>
        <source>&amp;Back to library</source>
        <translation>लाइब्रेरी पर वापस (&amp;B)</translation>
    </message>
    <message>
        <source>Sync &amp;rounds, newest first</source>
        <translation>सिंक के दौर, सबसे नया पहले (&amp;R)</translation>
    </message>
    <message>
        <source>Sync rounds, newest first</source>
        <translation>सिंक के दौर, सबसे नया पहले</translation>
    </message>
    <message>
        <source>When</source>
        <translation>कब</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>भेजे</translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation>लाए</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>अस्वीकृत</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>परिणाम</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>समस्या</translation>
    </message>
    <message>
        <source>No sync round yet on this computer.</source>
        <translation>इस कंप्यूटर पर अभी तक कोई सिंक नहीं हुआ।</translation>
    </message>
    <message>
        <source>Records the platform re&amp;fused</source>
        <translation>प्लेटफ़ॉर्म द्वारा अस्वीकृत रिकॉर्ड (&amp;F)</translation>
    </message>
    <message>
        <source>Records the platform refused</source>
        <translation>प्लेटफ़ॉर्म द्वारा अस्वीकृत रिकॉर्ड</translation>
    </message>
    <message>
        <source>What</source>
        <translation>क्या</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>गतिविधि</translation>
    </message>
    <message>
        <source>The platform&apos;s reason</source>
        <translation>प्लेटफ़ॉर्म का कारण</translation>
    </message>
    <message>
        <source>The platform has refused nothing.</source>
        <translation>प्लेटफ़ॉर्म ने कुछ भी अस्वीकार नहीं किया है।</translation>
    </message>
    <message>
        <source>More to send</source>
        <translation>और भेजना बाकी</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>अद्यतन</translation>
    </message>
    <message>
        <source>Will try again</source>
        <translation>फिर कोशिश होगी</translation>
    </message>
    <message>
        <source>Platform not reachable</source>
        <translation>प्लेटफ़ॉर्म तक पहुँच नहीं</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>ध्यान देना ज़रूरी</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>विफल</translation>
    </message>
    <message>
        <source>The platform did not accept the account name or password.</source>
        <translation>प्लेटफ़ॉर्म ने खाते का नाम या पासवर्ड स्वीकार नहीं किया।</translation>
    </message>
    <message>
        <source>No connection to the platform.</source>
        <translation>प्लेटफ़ॉर्म से कोई कनेक्शन नहीं।</translation>
    </message>
    <message>
        <source>The platform kept failing; sync will try again later.</source>
        <translation>प्लेटफ़ॉर्म बार-बार विफल रहा; सिंक बाद में फिर कोशिश करेगा।</translation>
    </message>
    <message>
        <source>Stopped: the profile was locked.</source>
        <translation>रुका: प्रोफ़ाइल लॉक कर दी गई।</translation>
    </message>
    <message>
        <source>Refused records are listed below.</source>
        <translation>अस्वीकृत रिकॉर्ड नीचे दिए गए हैं।</translation>
    </message>
    <message>
        <source>Records refused earlier are listed below.</source>
        <translation>पहले अस्वीकृत रिकॉर्ड नीचे दिए गए हैं।</translation>
    </message>
    <message>
        <source>Records made during this round go in the next one, soon.</source>
        <translation>इस दौर के चलते बने रिकॉर्ड जल्द ही अगले दौर में जाएँगे।</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>अस्वीकृत</translation>
    </message>
    <message>
        <source>conflict (a fault in this app; please report it)</source>
        <translation>टकराव (इस ऐप की ग़लती; कृपया इसकी सूचना दें)</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>बहुत बड़ा</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Sync status</source>
        <translation>सिंक की स्थिति</translation>
    </message>
    <message>
        <source>Last synced: {time}</source>
        <translation>पिछला सिंक: {time}</translation>
    </message>
    <message>
        <source>Not synced yet on this computer</source>
        <translation>इस कंप्यूटर पर अभी तक सिंक नहीं हुआ</translation>
    </message>
</context>
<context>
    <name>TypedInput</name>
    <message>
        <source>For example 1,00,000 or 3.5</source>
        <translation>उदाहरण: 1,00,000 या 3.5</translation>
    </message>
    <message>
        <source>Type your answer</source>
        <translation>अपना उत्तर लिखें</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>आपका उत्तर</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Unlock “%1”</source>
        <translation>“%1” अनलॉक करें</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>पासफ़्रेज़ (&amp;P):</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>पासफ़्रेज़</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>अनलॉक करें (&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>वापस (&amp;B)</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>अनलॉक हो रहा है…</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <source>Video</source>
        <translation>वीडियो</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>वापस (&amp;B)</translation>
    </message>
    <message>
        <source>Back to the course (Esc)</source>
        <translation>कोर्स पर वापस (Esc)</translation>
    </message>
    <message>
        <source>« 10 s</source>
        <translation>« 10 से.</translation>
    </message>
    <message>
        <source>Back 10 seconds</source>
        <translation>10 सेकंड पीछे</translation>
    </message>
    <message>
        <source>Back 10 seconds (Left arrow)</source>
        <translation>10 सेकंड पीछे (बायाँ तीर)</translation>
    </message>
    <message>
        <source>10 s »</source>
        <translation>10 से. »</translation>
    </message>
    <message>
        <source>Forward 10 seconds</source>
        <translation>10 सेकंड आगे</translation>
    </message>
    <message>
        <source>Forward 10 seconds (Right arrow)</source>
        <translation>10 सेकंड आगे (दायाँ तीर)</translation>
    </message>
    <message>
        <source>&amp;Speed:</source>
        <translation>गति (&amp;S):</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>चलाने की गति</translation>
    </message>
    <message>
        <source>&amp;Volume:</source>
        <translation>आवाज़ (&amp;V):</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>आवाज़</translation>
    </message>
    <message>
        <source>Position in the video</source>
        <translation>वीडियो में स्थान</translation>
    </message>
    <message>
        <source>This video cannot be opened.</source>
        <translation>यह वीडियो नहीं खुल सकता।</translation>
    </message>
    <message>
        <source>This video cannot be played on this computer.</source>
        <translation>यह वीडियो इस कंप्यूटर पर नहीं चल सकता।</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>रोकें (&amp;P)</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>रोकें (Space)</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>चलाएँ (&amp;P)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>चलाएँ (Space)</translation>
    </message>
    <message>
        <source>Un&amp;mute</source>
        <translation>आवाज़ चालू करें (&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>आवाज़ बंद करें (&amp;M)</translation>
    </message>
    <message>
        <source>Sound on (M)</source>
        <translation>आवाज़ चालू (M)</translation>
    </message>
    <message>
        <source>Sound off (M)</source>
        <translation>आवाज़ बंद (M)</translation>
    </message>
    <message>
        <source>Completed: you have watched this video.</source>
        <translation>पूरा हुआ: आपने यह वीडियो देख लिया है।</translation>
    </message>
    <message>
        <source>%1% watched</source>
        <translation>%1% देखा</translation>
    </message>
</context>
<context>
    <name>WebPlayer</name>
    <message>
        <source>← &amp;Back</source>
        <translation>← वापस (&amp;B)</translation>
    </message>
    <message>
        <source>Back to the course</source>
        <translation>कोर्स पर वापस</translation>
    </message>
    <message>
        <source>Back to the course (Esc)</source>
        <translation>कोर्स पर वापस (Esc)</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>खुल रहा है…</translation>
    </message>
    <message>
        <source>Message from the course</source>
        <translation>कोर्स का संदेश</translation>
    </message>
    <message>
        <source>The course asks</source>
        <translation>कोर्स पूछ रहा है</translation>
    </message>
    <message>
        <source>This item could not be opened.</source>
        <translation>यह आइटम नहीं खुल सका।</translation>
    </message>
    <message>
        <source>Part of this item could not be shown.</source>
        <translation>इस आइटम का कुछ हिस्सा नहीं दिखाया जा सका।</translation>
    </message>
    <message>
        <source>The item stopped working. Go back and open it again.</source>
        <translation>आइटम ने काम करना बंद कर दिया। वापस जाकर इसे फिर से खोलें।</translation>
    </message>
</context>
</TS>
