<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi_IN">
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
        <source>Installed courses</source>
        <translation>इंस्टॉल किए गए कोर्स</translation>
    </message>
    <message>
        <source>No courses installed yet. Courses you install from a repository or a USB stick will appear here.</source>
        <translation>अभी कोई कोर्स इंस्टॉल नहीं है। रिपॉज़िटरी या USB स्टिक से इंस्टॉल किए गए कोर्स यहाँ दिखेंगे।</translation>
    </message>
    <message>
        <source>version %1</source>
        <translation>संस्करण %1</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n आइटम</numerusform>
            <numerusform>%n आइटम</numerusform>
        </translation>
    </message>
    <message>
        <source>needs a network connection</source>
        <translation>नेटवर्क कनेक्शन चाहिए</translation>
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
        <source>&amp;Certificates</source>
        <translation>प्रमाणपत्र (&amp;C)</translation>
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
</TS>
