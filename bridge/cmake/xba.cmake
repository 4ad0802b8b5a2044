# xba.cmake - wraps a Basic source file (Main.bas) as a library module
# (Main.xba), escaping it for XML. usage: cmake -DIN=... -DOUT=... -P xba.cmake
file(READ ${IN} code)
string(REPLACE "&" "&amp;" code "${code}")
string(REPLACE "<" "&lt;" code "${code}")
string(REPLACE ">" "&gt;" code "${code}")
string(REPLACE "\"" "&quot;" code "${code}")
get_filename_component(module ${IN} NAME_WE)
file(WRITE ${OUT} "<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<!DOCTYPE script:module PUBLIC \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"module.dtd\">
<script:module xmlns:script=\"http://openoffice.org/2000/script\" script:name=\"${module}\" script:language=\"StarBasic\">${code}</script:module>
")
