REM  kpi.Main - the menu command of kpi.oxt (Tools > Add-ons > kpi: monthly report).
REM
REM  Runs `kpi report DATASET --month M -o DATASET/rapport-M` and opens the
REM  economy workbook oekonomi-M.xlsx. The build turns this file into
REM  kpi/Main.xba inside the extension (XML-escaped); edit this file, not that.
REM
REM  The kpi program is looked for, in order: the environment variable KPI
REM  (a full path), bin/kpi in the extension's own folder, then each
REM  folder of PATH. kpi's standard error goes to a file whose text is shown
REM  when kpi stops with a status other than 0.
REM
REM  Entry points:
REM    MakeReport                     the menu command: asks, runs, opens
REM    RunReport(folder, month)       runs kpi; "" on success, else the error
REM    OpenEconomyBook(folder, month, hidden)
REM                                   opens oekonomi-M.xlsx; Nothing if absent
REM    RunReportHeadless(folder, month, statusFile)
REM                                   for tests: no dialogs, writes the outcome
REM                                   to statusFile and ends LibreOffice
REM  (Variables are not called `month`: that is Basic's Month function.)

Option Explicit

Const EXTENSION_ID = "org.kpi.calc"

Sub MakeReport
	Dim folder As String, reportMonth As String, message As String
	folder = PickFolder()
	If folder = "" Then Exit Sub
	reportMonth = InputBox("Rapportmåned (ÅÅÅÅ-MM):", "kpi", DefaultMonth())
	If reportMonth = "" Then Exit Sub
	message = RunReport(folder, reportMonth)
	If message = "" Then
		If IsNull(OpenEconomyBook(folder, reportMonth, False)) Then
			message = "kpi skrev ikke " & EconomyBookPath(folder, reportMonth)
		End If
	End If
	If message <> "" Then MsgBox message, 16, "kpi"
End Sub

Sub RunReportHeadless(folder As String, reportMonth As String, statusFile As String)
	Dim message As String, book As Object
	message = RunReport(folder, reportMonth)
	If message = "" Then
		book = OpenEconomyBook(folder, reportMonth, True)
		If IsNull(book) Then
			message = "kpi skrev ikke " & EconomyBookPath(folder, reportMonth)
		Else
			message = "OK " & book.getSheets().getCount() & " sheets"
			book.close(True)
		End If
	End If
	WriteText(statusFile, message)
	StarDesktop.terminate()
End Sub

Function RunReport(folder As String, reportMonth As String) As String
	Dim program As String, tmp As String, script As String, code As String
	Dim tmpFile As Object
	RunReport = ""
	If Len(reportMonth) <> 7 Or Mid(reportMonth, 5, 1) <> "-" Then
		RunReport = "Måneden skal skrives ÅÅÅÅ-MM, fx 2026-10, ikke """ & reportMonth & """."
		Exit Function
	End If
	program = FindKpi()
	If program = "" Then
		RunReport = "Programmet kpi blev ikke fundet. Læg det i PATH, eller sæt miljøvariablen KPI til dets fulde sti."
		Exit Function
	End If
	REM A fresh temporary name per run: two runs at once must not share files.
	tmpFile = CreateUnoService("com.sun.star.io.TempFile")
	tmpFile.RemoveFile = False
	tmp = ConvertFromURL(tmpFile.Uri)
	tmpFile.closeOutput()
	REM A script file, not Shell's own argument splitting, so folder names
	REM with spaces or quotes reach kpi unchanged.
	script = "#!/bin/sh" & Chr(10) _
		& Quote(program) & " report " & Quote(folder) & " --month " & Quote(reportMonth) _
		& " -o " & Quote(folder & "/rapport-" & reportMonth) _
		& " 2>" & Quote(tmp & ".err") & Chr(10) _
		& "echo $? >" & Quote(tmp & ".code") & Chr(10)
	WriteText(tmp & ".sh", script)
	Shell("/bin/sh", 0, """" & tmp & ".sh""", True)
	code = Trim(Join(Split(ReadText(tmp & ".code"), Chr(10)), ""))
	If code = "" Then
		RunReport = "kpi kunne ikke startes (" & program & ")."
	ElseIf code <> "0" Then
		RunReport = "kpi report stoppede med status " & code & ":" & Chr(10) _
			& Left(ReadText(tmp & ".err"), 2000)
	End If
	KillIfExists(tmp)
	KillIfExists(tmp & ".sh")
	KillIfExists(tmp & ".code")
	KillIfExists(tmp & ".err")
End Function

Function OpenEconomyBook(folder As String, reportMonth As String, hidden As Boolean) As Object
	REM hidden: a window-less load. Headless (soffice --headless with a
	REM macro:/// URL) a visible load returns nothing, so the test asks for this.
	Dim path As String
	Dim props(0) As New com.sun.star.beans.PropertyValue
	OpenEconomyBook = Nothing
	path = EconomyBookPath(folder, reportMonth)
	If Not IsFile(path) Then Exit Function
	props(0).Name = "Hidden"
	props(0).Value = hidden
	OpenEconomyBook = StarDesktop.loadComponentFromURL(ConvertToURL(path), "_blank", 0, props())
End Function

Function EconomyBookPath(folder As String, reportMonth As String) As String
	EconomyBookPath = folder & "/rapport-" & reportMonth & "/oekonomi-" & reportMonth & ".xlsx"
End Function

Function FindKpi() As String
	Dim candidate As String, dirs As Variant, i As Integer
	FindKpi = ""
	candidate = Environ("KPI")
	If IsFile(candidate) Then
		FindKpi = candidate
		Exit Function
	End If
	candidate = ExtensionFolder()
	If candidate <> "" Then
		If IsFile(candidate & "/bin/kpi") Then
			FindKpi = candidate & "/bin/kpi"
			Exit Function
		End If
	End If
	dirs = Split(Environ("PATH"), ":")
	For i = LBound(dirs) To UBound(dirs)
		If dirs(i) <> "" Then
			If IsFile(dirs(i) & "/kpi") Then
				FindKpi = dirs(i) & "/kpi"
				Exit Function
			End If
		End If
	Next i
End Function

REM True when path names a file (not a folder). SimpleFileAccess, not
REM FileExists: it takes URLs, so names with æøå work whatever the locale.
Function IsFile(path As String) As Boolean
	Dim sfa As Object
	IsFile = False
	If path = "" Then Exit Function
	sfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
	If sfa.exists(ConvertToURL(path)) Then IsFile = Not sfa.isFolder(ConvertToURL(path))
End Function

Function ExtensionFolder() As String
	Dim provider As Object, url As String
	ExtensionFolder = ""
	On Error Goto NotFound
	provider = GetDefaultContext().getValueByName( _
		"/singletons/com.sun.star.deployment.PackageInformationProvider")
	url = provider.getPackageLocation(EXTENSION_ID)
	If url <> "" Then ExtensionFolder = ConvertFromURL(url)
NotFound:
End Function

Function DefaultMonth() As String
	REM The month before this one: the usual report month.
	Dim d As Date
	d = DateSerial(Year(Now()), Month(Now()), 1) - 1
	DefaultMonth = Format(Year(d), "0000") & "-" & Format(Month(d), "00")
End Function

Function PickFolder() As String
	Dim picker As Object
	PickFolder = ""
	picker = CreateUnoService("com.sun.star.ui.dialogs.FolderPicker")
	picker.setTitle("Vælg datamappen (mappen med measures.csv)")
	If picker.execute() = com.sun.star.ui.dialogs.ExecutableDialogResults.OK Then
		PickFolder = ConvertFromURL(picker.getDirectory())
	End If
End Function

Function Quote(text As String) As String
	REM Single quotes for /bin/sh; a quote inside becomes '\''.
	Quote = "'" & Join(Split(text, "'"), "'\''") & "'"
End Function

Sub KillIfExists(path As String)
	Dim sfa As Object
	sfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
	If sfa.exists(ConvertToURL(path)) Then sfa.kill(ConvertToURL(path))
End Sub

Sub WriteText(path As String, text As String)
	REM UTF-8 whatever the locale, so folder names with æøå survive.
	Dim sfa As Object, stream As Object, url As String
	sfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
	url = ConvertToURL(path)
	If sfa.exists(url) Then sfa.kill(url)
	stream = CreateUnoService("com.sun.star.io.TextOutputStream")
	stream.setOutputStream(sfa.openFileWrite(url))
	stream.setEncoding("UTF-8")
	stream.writeString(text)
	stream.closeOutput()
End Sub

Function ReadText(path As String) As String
	Dim sfa As Object, stream As Object, url As String, text As String
	ReadText = ""
	sfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
	url = ConvertToURL(path)
	If Not sfa.exists(url) Then Exit Function
	stream = CreateUnoService("com.sun.star.io.TextInputStream")
	stream.setInputStream(sfa.openFileRead(url))
	stream.setEncoding("UTF-8")
	text = ""
	Do While Not stream.isEOF()
		text = text & stream.readLine() & Chr(10)
	Loop
	stream.closeInput()
	ReadText = text
End Function
