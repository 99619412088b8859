"""Parts shared by several screens: navigation, lists, tables, source lines, notices."""
