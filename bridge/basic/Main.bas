REM  kpi.Main - the menu commands of kpi.oxt (Calc only: Addons.xcu).
REM
REM  "kpi: månedsrapport…" asks for a dataset folder and a month in one
REM  dialog, asks before overwriting an existing report folder, runs
REM  `kpi report DATASET --month M -o DATASET/rapport-M` with a progress bar,
REM  says where the workbooks went and opens the economy workbook.
REM  "Erstat kpi-formler med værdier" replaces the kpi formulas of the
REM  selection (or of the sheet, when one cell is selected) by their values,
REM  for a file that leaves the office.
REM
REM  The build turns this file into kpi/Main.xba inside the extension
REM  (XML-escaped); edit this file, not that.
REM
REM  No shell: kpi runs through the extension's own org.kpi.calc.Runner
REM  (bridge/src/kpi_runner.cxx, LibreOffice's portable process layer),
REM  which passes each argument unchanged and collects kpi's standard error
REM  and exit status, on Windows as on Linux.
REM
REM  Where kpi is found, in order: the path set in the extension's options
REM  (Tools > Options > kpi, or the Extension Manager's Options button;
REM  configuration /org.kpi.calc.Settings/Paths/KpiProgram), the environment
REM  variable KPI, bin/kpi in the extension's folder, each folder of PATH.
REM  A path set in the options or in KPI that names no file is an error
REM  naming that path, never passed over silently.
REM
REM  The dialogs only gather input; the work is in functions a test calls
REM  headless with the same input (tests/e2e/bridge_menu.sh):
REM    ReportJob(folder, month, overwrite, indicator)  runs kpi; the message
REM    CheckInputs(folder, month)                      what is wrong, or ""
REM    ReplaceKpiFormulas(ranges)                      "replaced errors"
REM    RunReportHeadless(folder, month, overwrite, statusFile)
REM    ReplaceInFileHeadless(inFile, outBase, statusFile)
REM    OptionsPageHeadless(newPath, statusFile)        the options page's work
REM  (Variables are not called `month`: that is Basic's Month function.)

Option Explicit

Const EXTENSION_ID = "org.kpi.calc"
Const SETTINGS = "/org.kpi.calc.Settings/Paths"
REM ReportJob's answer when the report folder exists and overwrite is False.
Const EXISTS_PREFIX = "EXISTS "

REM ---- the menu command: monthly report ---------------------------------

Sub MakeReport
	Dim folder As String, reportMonth As String, message As String
	Dim target As String, indicator As Object
	folder = ""
	reportMonth = DefaultMonth()
	If Not AskFolderAndMonth(folder, reportMonth) Then Exit Sub
	target = ReportFolder(folder, reportMonth)
	If IsFolder(target) Then
		REM 4 = Yes/No, 32 = question, 256 = No is the default; 6 = Yes.
		If MsgBox("Mappen findes allerede:" & Chr(10) & target & Chr(10) & Chr(10) _
			& "Skal kpi skrive rapporterne i den igen? Filer med samme navn bliver overskrevet.", _
			4 + 32 + 256, "kpi") <> 6 Then Exit Sub
	End If
	indicator = NewIndicator()
	message = ReportJob(folder, reportMonth, True, indicator)
	If Not IsNull(indicator) Then indicator.end()
	If Left(message, 3) = "OK " Then
		MsgBox Mid(message, 4), 64, "kpi"
		OpenEconomyBook(folder, reportMonth, False)
	Else
		MsgBox message, 16, "kpi"
	End If
End Sub

REM For tests: no dialogs; the message the user would see (or EXISTS
REM <folder>, where MakeReport asks before overwriting) goes to statusFile,
REM then the economy workbook is opened hidden and LibreOffice ends.
Sub RunReportHeadless(folder As String, reportMonth As String, overwrite As Boolean, statusFile As String)
	Dim message As String, book As Object
	message = CheckInputs(folder, reportMonth)
	If message = "" Then message = ReportJob(folder, reportMonth, overwrite, Nothing)
	If Left(message, 3) = "OK " Then
		book = OpenEconomyBook(folder, reportMonth, True)
		If IsNull(book) Then
			message = "kpi skrev ikke " & EconomyBookPath(folder, reportMonth)
		Else
			message = message & Chr(10) & "OPENED " & book.getSheets().getCount() & " sheets"
			book.close(True)
		End If
	End If
	WriteText(statusFile, message)
	StarDesktop.terminate()
End Sub

REM What is wrong with the dialog's input, in words for the user; "".
Function CheckInputs(folder As String, reportMonth As String) As String
	CheckInputs = ""
	If Trim(folder) = "" Then
		CheckInputs = "Vælg datamappen (mappen med measures.csv)."
	ElseIf Not IsFolder(folder) Then
		CheckInputs = "Datamappen findes ikke: " & folder
	ElseIf Len(reportMonth) <> 7 Or Mid(reportMonth, 5, 1) <> "-" _
		Or Not IsNumeric(Left(reportMonth, 4)) Or Not IsNumeric(Right(reportMonth, 2)) Then
		CheckInputs = "Måneden skal skrives ÅÅÅÅ-MM, fx 2026-10, ikke """ & reportMonth & """."
	ElseIf Val(Right(reportMonth, 2)) < 1 Or Val(Right(reportMonth, 2)) > 12 Then
		CheckInputs = "Måneden skal skrives ÅÅÅÅ-MM, fx 2026-10, ikke """ & reportMonth & """."
	End If
End Function

REM Runs kpi report. "OK " and the message naming where the workbooks
REM went; EXISTS_PREFIX and the folder when it exists and overwrite is
REM False; otherwise the error for the user. indicator (a status bar
REM progress, or Nothing) moves while kpi works.
Function ReportJob(folder As String, reportMonth As String, overwrite As Boolean, indicator As Object) As String
	Dim program As String, problem As String, target As String
	Dim runner As Object, code As Long, ticks As Long
	target = ReportFolder(folder, reportMonth)
	If IsFolder(target) And Not overwrite Then
		ReportJob = EXISTS_PREFIX & target
		Exit Function
	End If
	problem = ""
	program = FindKpi(problem)
	If program = "" Then
		ReportJob = problem
		Exit Function
	End If
	runner = CreateUnoService("org.kpi.calc.Runner")
	On Error Goto CannotStart
	runner.start(program, Array("report", folder, "--month", reportMonth, "-o", target))
	On Error Goto 0
	If Not IsNull(indicator) Then indicator.start("kpi report " & reportMonth & " …", 50)
	ticks = 0
	Do While runner.isRunning()
		Wait 200
		ticks = ticks + 1
		If Not IsNull(indicator) Then
			indicator.setText("kpi report " & reportMonth & " kører … " & (ticks \ 5) & " s")
			indicator.setValue(ticks Mod 50)
		End If
	Loop
	code = runner.exitCode()
	If code <> 0 Then
		ReportJob = "kpi report stoppede med status " & code & ":" & Chr(10) _
			& Left(runner.errorText(), 2000)
	Else
		ReportJob = "OK " & WrittenMessage(target)
	End If
	Exit Function
CannotStart:
	ReportJob = "kpi kunne ikke startes: " & program
End Function

REM "kpi skrev N arbejdsbøger i FOLDER:" and their names, one a line, sorted.
Function WrittenMessage(target As String) As String
	Dim sfa As Object, files As Variant, i As Integer, j As Integer, n As Integer
	Dim names() As String, swap As String, text As String
	sfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
	files = sfa.getFolderContents(ConvertToURL(target), False)
	n = 0
	ReDim names(UBound(files) - LBound(files) + 1)
	For i = LBound(files) To UBound(files)
		If LCase(Right(files(i), 5)) = ".xlsx" Then
			names(n) = FileNameOf(ConvertFromURL(files(i)))
			For j = n To 1 Step -1
				If names(j - 1) <= names(j) Then Exit For
				swap = names(j - 1)
				names(j - 1) = names(j)
				names(j) = swap
			Next j
			n = n + 1
		End If
	Next i
	text = "kpi skrev " & n & " arbejdsbøger i" & Chr(10) & target & ":"
	For i = 0 To n - 1
		text = text & Chr(10) & "  " & names(i)
	Next i
	WrittenMessage = text
End Function

Function FileNameOf(path As String) As String
	Dim parts As Variant
	parts = Split(Join(Split(path, "\"), "/"), "/")
	FileNameOf = parts(UBound(parts))
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

Function ReportFolder(folder As String, reportMonth As String) As String
	ReportFolder = JoinPath(folder, "rapport-" & reportMonth)
End Function

Function EconomyBookPath(folder As String, reportMonth As String) As String
	EconomyBookPath = JoinPath(ReportFolder(folder, reportMonth), "oekonomi-" & reportMonth & ".xlsx")
End Function

REM ---- the dialog: folder and month --------------------------------------

REM Shows the dialog until the input is right or the user cancels.
Function AskFolderAndMonth(folder As String, reportMonth As String) As Boolean
	Dim model As Object, dialog As Object, problem As String
	AskFolderAndMonth = False
	model = CreateUnoService("com.sun.star.awt.UnoControlDialogModel")
	model.Width = 230
	model.Height = 96
	model.Title = "kpi: månedsrapport"
	AddControl(model, "FixedText", "folderLabel", 6, 6, 218, 10, "Datamappe (mappen med measures.csv):")
	AddControl(model, "Edit", "folder", 6, 18, 164, 13, folder)
	AddControl(model, "Button", "browse", 174, 17, 50, 15, "Gennemse …")
	AddControl(model, "FixedText", "monthLabel", 6, 38, 218, 10, "Rapportmåned (ÅÅÅÅ-MM):")
	AddControl(model, "Edit", "month", 6, 50, 60, 13, reportMonth)
	AddControl(model, "Button", "ok", 112, 76, 56, 15, "Lav rapport")
	AddControl(model, "Button", "cancel", 172, 76, 52, 15, "Annuller")
	model.getByName("ok").PushButtonType = com.sun.star.awt.PushButtonType.OK
	model.getByName("ok").DefaultButton = True
	model.getByName("cancel").PushButtonType = com.sun.star.awt.PushButtonType.CANCEL
	dialog = CreateUnoService("com.sun.star.awt.UnoControlDialog")
	dialog.setModel(model)
	dialog.createPeer(CreateUnoService("com.sun.star.awt.Toolkit"), Null)
	dialog.getControl("browse").addActionListener(CreateUnoListener("Browse_", "com.sun.star.awt.XActionListener"))
	Do
		If dialog.execute() <> 1 Then
			dialog.dispose()
			Exit Function
		End If
		folder = Trim(dialog.getControl("folder").getText())
		reportMonth = Trim(dialog.getControl("month").getText())
		problem = CheckInputs(folder, reportMonth)
		If problem = "" Then Exit Do
		MsgBox problem, 48, "kpi"
	Loop
	dialog.dispose()
	AskFolderAndMonth = True
End Function

Sub AddControl(model As Object, kind As String, name As String, x As Long, y As Long, w As Long, h As Long, label As String)
	Dim control As Object
	control = model.createInstance("com.sun.star.awt.UnoControl" & kind & "Model")
	control.PositionX = x
	control.PositionY = y
	control.Width = w
	control.Height = h
	If kind = "Edit" Then control.Text = label Else control.Label = label
	model.insertByName(name, control)
End Sub

REM The "Gennemse …" button: a folder picker fills the folder field.
Sub Browse_actionPerformed(event As Object)
	Dim field As Object, picker As Object
	field = event.Source.getContext().getControl("folder")
	picker = CreateUnoService("com.sun.star.ui.dialogs.FolderPicker")
	picker.setTitle("Vælg datamappen (mappen med measures.csv)")
	If field.getText() <> "" Then picker.setDisplayDirectory(ConvertToURL(field.getText()))
	If picker.execute() = com.sun.star.ui.dialogs.ExecutableDialogResults.OK Then
		field.setText(ConvertFromURL(picker.getDirectory()))
	End If
End Sub

Sub Browse_disposing(event As Object)
End Sub

REM The status bar of the current Calc window; Nothing headless.
Function NewIndicator() As Object
	NewIndicator = Nothing
	On Error Goto NoFrame
	NewIndicator = ThisComponent.getCurrentController().getFrame().createStatusIndicator()
NoFrame:
End Function

REM ---- the menu command: replace kpi formulas with values -----------------

Sub ReplaceWithValues
	Dim doc As Object, target As Object, outcome As Variant, what As String
	doc = ThisComponent
	If IsNull(doc) Then Exit Sub
	If Not doc.supportsService("com.sun.star.sheet.SpreadsheetDocument") Then Exit Sub
	target = doc.getCurrentSelection()
	If Not IsNull(target) Then
		If target.supportsService("com.sun.star.sheet.SheetCell") Then target = Nothing
	End If
	If IsNull(target) Then
		target = doc.getCurrentController().getActiveSheet()
		what = "arket " & target.getName()
	Else
		what = "markeringen"
	End If
	If Not target.supportsService("com.sun.star.sheet.SheetCellRange") _
		And Not target.supportsService("com.sun.star.sheet.SheetCellRanges") Then
		MsgBox "Markér celler, eller én celle for hele arket.", 48, "kpi"
		Exit Sub
	End If
	outcome = Split(ReplaceKpiFormulas(target), " ")
	MsgBox "kpi-formler erstattet med deres værdier i " & what & ": " & outcome(0) & "." _
		& IIf(outcome(1) <> "0", Chr(10) & outcome(1) & " af dem gav en fejl; cellen viser nu fejlens tekst.", ""), 64, "kpi"
End Sub

REM Replaces each formula in ranges (a sheet, a range or several) that
REM calls a kpi function by the value it shows; a number keeps its format.
REM A formula that gives an error becomes the error's text (Err:502), so a
REM recipient without the extension sees what the sender saw, never
REM #NAME?. Formulas without kpi functions stay. Answers "replaced errors".
Function ReplaceKpiFormulas(ranges As Object) As String
	Dim found As Object, cells As Object, cell As Object
	Dim replaced As Long, errors As Long, shown As String
	replaced = 0
	errors = 0
	found = ranges.queryContentCells(com.sun.star.sheet.CellFlags.FORMULA)
	cells = found.getCells().createEnumeration()
	Do While cells.hasMoreElements()
		cell = cells.nextElement()
		REM The API formula names an add-in by its programmatic name,
		REM ORG.KPI.CALC.KPIFUNCTIONS.KPIDISPOSED, whatever the interface.
		If InStr(1, cell.getFormula(), "ORG.KPI.CALC.", 1) > 0 Then
			replaced = replaced + 1
			If cell.getError() <> 0 Then
				errors = errors + 1
				shown = cell.getString()
				cell.setString(shown)
			ElseIf cell.FormulaResultType2 = com.sun.star.sheet.FormulaResult.STRING Then
				shown = cell.getString()
				If shown = "" Then cell.setFormula("") Else cell.setString(shown)
			Else
				cell.setValue(cell.getValue())
			End If
		End If
	Loop
	ReplaceKpiFormulas = replaced & " " & errors
End Function

REM For tests: opens inFile hidden, replaces the kpi formulas of every
REM sheet, saves outBase.xlsx and outBase.ods, writes "replaced errors" to
REM statusFile and ends LibreOffice.
Sub ReplaceInFileHeadless(inFile As String, outBase As String, statusFile As String)
	Dim doc As Object, sheets As Object, i As Integer, outcome As Variant
	Dim replaced As Long, errors As Long
	Dim load(0) As New com.sun.star.beans.PropertyValue
	Dim xlsx(0) As New com.sun.star.beans.PropertyValue
	Dim ods(0) As New com.sun.star.beans.PropertyValue
	load(0).Name = "Hidden"
	load(0).Value = True
	doc = StarDesktop.loadComponentFromURL(ConvertToURL(inFile), "_blank", 0, load())
	sheets = doc.getSheets()
	For i = 0 To sheets.getCount() - 1
		outcome = Split(ReplaceKpiFormulas(sheets.getByIndex(i)), " ")
		replaced = replaced + CLng(outcome(0))
		errors = errors + CLng(outcome(1))
	Next i
	xlsx(0).Name = "FilterName"
	xlsx(0).Value = "Calc MS Excel 2007 XML"
	doc.storeToURL(ConvertToURL(outBase & ".xlsx"), xlsx())
	ods(0).Name = "FilterName"
	ods(0).Value = "calc8"
	doc.storeToURL(ConvertToURL(outBase & ".ods"), ods())
	doc.close(True)
	WriteText(statusFile, replaced & " " & errors)
	StarDesktop.terminate()
End Sub

REM ---- the options page ---------------------------------------------------

REM For tests: builds the options page (dialogs/Options.xdl) with its
REM handler, as Tools > Options does, lets the handler fill it
REM ("initialize"), types newPath into the field and presses OK ("ok").
REM Writes the field's first text and the path the menu command then reads
REM to statusFile, one a line, and ends LibreOffice.
Sub OptionsPageHeadless(newPath As String, statusFile As String)
	Dim handler As Object, parent As Object, page As Object, field As Object
	Dim provider As Object, before As String
	handler = CreateUnoService("org.kpi.calc.OptionsHandler")
	parent = CreateUnoService("com.sun.star.awt.UnoControlDialog")
	parent.setModel(CreateUnoService("com.sun.star.awt.UnoControlDialogModel"))
	parent.createPeer(CreateUnoService("com.sun.star.awt.Toolkit"), Null)
	provider = CreateUnoService("com.sun.star.awt.ContainerWindowProvider")
	page = provider.createContainerWindow(ConvertToURL(ExtensionFolder()) & "/dialogs/Options.xdl", _
		"", parent.getPeer(), handler)
	handler.callHandlerMethod(page, "initialize", "external_event")
	field = page.getControl("KpiProgram")
	before = field.getText()
	field.setText(newPath)
	handler.callHandlerMethod(page, "ok", "external_event")
	WriteText(statusFile, before & Chr(10) & ConfiguredKpi())
	StarDesktop.terminate()
End Sub

REM ---- finding kpi -------------------------------------------------------

REM The kpi program's path, or "" with problem set to what the user must do.
Function FindKpi(problem As String) As String
	Dim candidate As String, dirs As Variant, i As Integer, exe As String, sep As String
	FindKpi = ""
	candidate = ConfiguredKpi()
	If candidate <> "" Then
		If IsFile(candidate) Then
			FindKpi = candidate
		Else
			problem = "Programmet kpi findes ikke på stien i udvidelsens indstillinger " _
				& "(Funktioner > Indstillinger > kpi):" & Chr(10) & candidate
		End If
		Exit Function
	End If
	candidate = Environ("KPI")
	If candidate <> "" Then
		If IsFile(candidate) Then
			FindKpi = candidate
		Else
			problem = "Programmet kpi findes ikke på stien i miljøvariablen KPI:" & Chr(10) & candidate
		End If
		Exit Function
	End If
	REM Windows: kpi.exe and PATH split on ";" (GetGUIType 1 is Windows).
	exe = IIf(GetGUIType() = 1, "kpi.exe", "kpi")
	sep = IIf(GetGUIType() = 1, ";", ":")
	candidate = ExtensionFolder()
	If candidate <> "" Then
		If IsFile(JoinPath(JoinPath(candidate, "bin"), exe)) Then
			FindKpi = JoinPath(JoinPath(candidate, "bin"), exe)
			Exit Function
		End If
	End If
	dirs = Split(Environ("PATH"), sep)
	For i = LBound(dirs) To UBound(dirs)
		If dirs(i) <> "" Then
			If IsFile(JoinPath(dirs(i), exe)) Then
				FindKpi = JoinPath(dirs(i), exe)
				Exit Function
			End If
		End If
	Next i
	problem = "Programmet kpi blev ikke fundet. Sæt stien til det i udvidelsens indstillinger " _
		& "(Funktioner > Indstillinger > kpi), eller læg det i PATH."
End Function

REM The path set in the extension's options; "" when none.
Function ConfiguredKpi() As String
	Dim provider As Object, node As Object
	Dim args(0) As New com.sun.star.beans.PropertyValue
	ConfiguredKpi = ""
	On Error Goto NoSetting
	provider = CreateUnoService("com.sun.star.configuration.ConfigurationProvider")
	args(0).Name = "nodepath"
	args(0).Value = SETTINGS
	node = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationAccess", args())
	ConfiguredKpi = Trim(node.getByName("KpiProgram"))
NoSetting:
End Function

Function JoinPath(folder As String, name As String) As String
	Dim slash As String
	slash = IIf(GetGUIType() = 1, "\", "/")
	If Right(folder, 1) = "/" Or Right(folder, 1) = "\" Then
		JoinPath = folder & name
	Else
		JoinPath = folder & slash & name
	End If
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

Function IsFolder(path As String) As Boolean
	Dim sfa As Object
	IsFolder = False
	If path = "" Then Exit Function
	sfa = CreateUnoService("com.sun.star.ucb.SimpleFileAccess")
	If sfa.exists(ConvertToURL(path)) Then IsFolder = sfa.isFolder(ConvertToURL(path))
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
